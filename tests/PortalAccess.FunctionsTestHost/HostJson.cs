using System.Text.Json;
using System.Text.Json.Nodes;

namespace PortalAccess.FunctionsTestHost;

/// <summary>The parts of host.json the test host honours: the route prefix and extensions.queues.</summary>
internal sealed record HostJson(string RoutePrefix, QueueOptions Queues)
{
    public static HostJson Read(string appDirectory, QueueSettings? overrides)
    {
        var path = Path.Combine(appDirectory, "host.json");
        var root = File.Exists(path)
            ? JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            : null;
        var http = root?["extensions"]?["http"];
        var queues = root?["extensions"]?["queues"];

        // defaults are the Functions host's own (extensions.queues documentation)
        var options = new QueueOptions(
            MaxDequeueCount: overrides?.MaxDequeueCount ?? queues?["maxDequeueCount"]?.GetValue<int>() ?? 5,
            VisibilityTimeout: overrides?.VisibilityTimeout ?? Time(queues?["visibilityTimeout"]) ?? TimeSpan.Zero,
            BatchSize: overrides?.BatchSize ?? queues?["batchSize"]?.GetValue<int>() ?? 16,
            MaxPollingInterval: overrides?.MaxPollingInterval ?? Time(queues?["maxPollingInterval"]) ?? TimeSpan.FromMinutes(1),
            MinPollingInterval: overrides?.MinPollingInterval ?? TimeSpan.FromMilliseconds(100),
            Base64: !string.Equals(queues?["messageEncoding"]?.GetValue<string>(), "none", StringComparison.OrdinalIgnoreCase));
        return new HostJson(http?["routePrefix"]?.GetValue<string>() ?? "api", options);
    }

    private static TimeSpan? Time(JsonNode? node) => node is null ? null : TimeSpan.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed record QueueOptions(int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize, TimeSpan MaxPollingInterval, TimeSpan MinPollingInterval, bool Base64);
