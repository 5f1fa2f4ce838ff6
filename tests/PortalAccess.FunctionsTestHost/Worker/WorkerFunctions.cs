using System.Text.Json.Nodes;
using PortalAccess.FunctionsTestHost.Rpc;

namespace PortalAccess.FunctionsTestHost.Worker;

/// <summary>A function from the worker's metadata: what callers see, the trigger binding's name, and the load request the worker needs.</summary>
internal sealed record IndexedFunction(WorkerFunction Function, string TriggerBinding, string? Connection, FunctionLoadRequest LoadRequest);

/// <summary>Turns the worker's raw bindings (the JSON of functions.metadata) into functions and load requests, as the host's worker indexing does.</summary>
internal static class WorkerFunctions
{
    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    public static IndexedFunction Index(RpcFunctionMetadata metadata)
    {
        var functionId = string.IsNullOrEmpty(metadata.FunctionId) ? Guid.NewGuid().ToString() : metadata.FunctionId;
        var load = metadata.Clone();
        load.FunctionId = functionId;
        JsonNode? trigger = null;
        foreach (var raw in metadata.RawBindings)
        {
            var binding = JsonNode.Parse(raw, CaseInsensitive) ?? throw new InvalidOperationException($"Function {metadata.Name} has an empty binding.");
            var name = Text(binding, "name") ?? throw new InvalidOperationException($"A binding of function {metadata.Name} has no name.");
            load.Bindings[name] = ToBindingInfo(binding);
            if (Text(binding, "type")?.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) == true)
            {
                trigger = binding;
            }
        }
        if (trigger is null)
        {
            throw new InvalidOperationException($"Function {metadata.Name} has no trigger binding.");
        }

        var type = Text(trigger, "type")!;
        var isHttp = type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);
        var function = new WorkerFunction(
            metadata.Name,
            functionId,
            type,
            // the host's default route is the function's name
            isHttp ? Text(trigger, "route") ?? metadata.Name : null,
            trigger["methods"] is JsonArray methods ? [.. methods.Select(m => m!.GetValue<string>())] : [],
            isHttp ? Text(trigger, "authLevel") : null,
            Text(trigger, "queueName"));
        return new IndexedFunction(function, Text(trigger, "name")!, Text(trigger, "connection"), new FunctionLoadRequest { FunctionId = functionId, Metadata = load });
    }

    private static BindingInfo ToBindingInfo(JsonNode binding)
    {
        var info = new BindingInfo
        {
            Type = Text(binding, "type") ?? "",
            Direction = Enum.TryParse<BindingInfo.Types.Direction>(Text(binding, "direction"), ignoreCase: true, out var direction) ? direction : BindingInfo.Types.Direction.In,
            DataType = Enum.TryParse<BindingInfo.Types.DataType>(Text(binding, "dataType"), ignoreCase: true, out var dataType) ? dataType : BindingInfo.Types.DataType.Undefined,
        };
        if (binding["properties"] is JsonObject properties)
        {
            foreach (var (key, value) in properties)
            {
                info.Properties[key] = value?.ToString() ?? "";
            }
        }
        return info;
    }

    private static string? Text(JsonNode node, string name) => node[name] is JsonValue value ? value.ToString() : null;
}
