using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using PortalAccess.FunctionsTestHost.Rpc;
using PortalAccess.FunctionsTestHost.Worker;

namespace PortalAccess.FunctionsTestHost;

/// <summary>InvocationRequests shaped as the Functions host sends them (RpcMessageConversionExtensions, ScriptInvocationContext).</summary>
internal static class Invocations
{
    public static InvocationRequest Http(IndexedFunction function, string invocationId, HttpRequest request, Dictionary<string, string> routeValues)
    {
        // the worker's ASP.NET Core integration takes the request itself from the forwarded call; this is the host's summary of it
        var http = new RpcHttp { Method = request.Method, Url = request.GetDisplayUrl() };
        foreach (var (name, values) in request.Headers)
        {
            http.Headers[name.ToLowerInvariant()] = values.ToString();
        }
        foreach (var (name, values) in request.Query.Where(q => !string.IsNullOrEmpty(q.Value)))
        {
            http.Query[name] = values.ToString();
        }
        http.Params.Add(routeValues);

        var invocation = New(function, invocationId, new TypedData { Http = http });
        foreach (var (name, value) in routeValues)
        {
            invocation.TriggerMetadata[name] = new TypedData { String = value };
        }
        return invocation;
    }

    public static InvocationRequest Queue(IndexedFunction function, string invocationId, QueueMessage message, string text)
    {
        var invocation = New(function, invocationId, new TypedData { String = text });
        var metadata = invocation.TriggerMetadata;
        metadata["QueueTrigger"] = new TypedData { String = text };
        metadata["Id"] = new TypedData { String = message.MessageId };
        metadata["PopReceipt"] = new TypedData { String = message.PopReceipt };
        // the host serialises what is not a string with Json.NET: numbers and dates arrive as JSON
        metadata["DequeueCount"] = Json(message.DequeueCount);
        metadata["InsertionTime"] = Json(message.InsertedOn);
        metadata["ExpirationTime"] = Json(message.ExpiresOn);
        metadata["NextVisibleTime"] = Json(message.NextVisibleOn);
        metadata["sys"] = new TypedData { Json = new JsonObject { ["MethodName"] = function.Function.Name, ["UtcNow"] = DateTime.UtcNow, ["RandGuid"] = Guid.NewGuid() }.ToJsonString() };
        return invocation;
    }

    private static InvocationRequest New(IndexedFunction function, string invocationId, TypedData trigger) => new()
    {
        InvocationId = invocationId,
        FunctionId = function.Function.FunctionId,
        InputData = { new ParameterBinding { Name = function.TriggerBinding, Data = trigger } },
        // the worker dereferences TraceContext without a null check
        TraceContext = new RpcTraceContext
        {
            TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01",
            TraceState = "",
            Attributes = { ["ProcessId"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        },
    };

    private static TypedData Json<T>(T value) => new() { Json = JsonValue.Create(value)?.ToJsonString() ?? "null" };
}
