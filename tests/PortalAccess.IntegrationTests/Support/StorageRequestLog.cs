using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PortalAccess.IntegrationTests.Support;

/// <summary>
/// Counts the storage round trips the app makes (retries included), as an Azure.Core pipeline policy on its
/// table and queue clients. Pass it as the <c>requestLog</c> of a Standalone test host.
/// </summary>
public sealed class StorageRequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> requests = new();

    /// <summary>What was sent since the last <see cref="Reset"/>, as "METHOD /path", ignoring the mail worker's polling of its queue.</summary>
    public IReadOnlyList<string> Requests => [.. requests];

    public void Reset() => requests.Clear();

    public override void OnSendingRequest(HttpMessage message)
    {
        var method = message.Request.Method.ToString();
        var path = message.Request.Uri.ToUri().AbsolutePath;
        // the background mail worker polls its queue whatever the requests do
        if (method == "GET" && path.EndsWith("/messages", StringComparison.Ordinal))
        {
            return;
        }
        requests.Enqueue($"{method} {path}");
    }
}
