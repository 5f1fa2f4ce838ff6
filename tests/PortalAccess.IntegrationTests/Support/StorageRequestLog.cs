using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PortalAccess.IntegrationTests.Support;

/// <summary>
/// Counts the storage round trips the app makes (retries included), as an Azure.Core pipeline policy on its
/// table and queue clients. Pass <see cref="Install"/> as the <c>configure</c> of a Standalone test host.
/// </summary>
public sealed class StorageRequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> requests = new();

    /// <summary>What was sent since the last <see cref="Reset"/>, as "METHOD /path", ignoring the mail worker's polling of its queue.</summary>
    public IReadOnlyList<string> Requests => [.. requests];

    public void Reset() => requests.Clear();

    /// <summary>Replaces the host's storage clients with clients that report to this counter.</summary>
    public Action<IServiceCollection> Install(string storageConnection) => services =>
    {
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(this, HttpPipelinePosition.PerRetry);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(this, HttpPipelinePosition.PerRetry);
        services.RemoveAll<TableServiceClient>();
        services.RemoveAll<QueueServiceClient>();
        services.AddSingleton(new TableServiceClient(storageConnection, tableOptions));
        services.AddSingleton(new QueueServiceClient(storageConnection, queueOptions));
    };

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
