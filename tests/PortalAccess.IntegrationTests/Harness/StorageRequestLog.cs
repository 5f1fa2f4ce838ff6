using System.Collections.Concurrent;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.WebUtilities;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>
/// Counts the storage round trips the app makes (retries included), as an Azure.Core pipeline policy on its
/// table and queue clients. Pass it as the <c>requestLog</c> of a Standalone test host.
/// </summary>
public sealed class StorageRequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> requests = new();
    private readonly ConcurrentQueue<int> rowsAsked = new();

    /// <summary>What was sent since the last <see cref="Reset"/>, as "METHOD /path", ignoring the mail worker's polling of its queue.</summary>
    public IReadOnlyList<string> Requests => [.. requests];

    /// <summary>The <c>$top</c> of each table query since the last <see cref="Reset"/>: how many rows it asked storage for.</summary>
    public IReadOnlyList<int> RowsAsked => [.. rowsAsked];

    public void Reset()
    {
        requests.Clear();
        rowsAsked.Clear();
    }

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
        if (QueryHelpers.ParseQuery(message.Request.Uri.ToUri().Query).TryGetValue("$top", out var top))
        {
            rowsAsked.Enqueue(int.Parse(top.ToString(), CultureInfo.InvariantCulture));
        }
    }
}
