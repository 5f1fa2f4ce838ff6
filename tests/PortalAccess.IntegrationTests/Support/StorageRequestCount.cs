using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PortalAccess.IntegrationTests.Support;

/// <summary>
/// Counts the storage requests the app sends (each retry counts: it is one more round trip), so that a test can
/// say how many a request costs instead of reading it off the code.
/// </summary>
public sealed class StorageRequestCount : HttpPipelinePolicy
{
    private int count;

    /// <summary>Which requests count; all by default.</summary>
    public Func<HttpMessage, bool> Counts { get; set; } = _ => true;

    public int Count => Volatile.Read(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    /// <summary>The queue reads of the mail worker, which polls whether or not a request is being answered.</summary>
    public static bool IsQueuePoll(HttpMessage m) =>
        m.Request.Method == RequestMethod.Get && m.Request.Uri.ToUri().AbsolutePath.EndsWith("/messages", StringComparison.Ordinal);

    /// <summary>Registers table and queue clients for <paramref name="storageConnection"/> that count through this policy.</summary>
    public void AddTo(IServiceCollection services, string storageConnection)
    {
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(this, HttpPipelinePosition.PerRetry);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(this, HttpPipelinePosition.PerRetry);
        services.RemoveAll<TableServiceClient>();
        services.RemoveAll<QueueServiceClient>();
        services.AddSingleton(new TableServiceClient(storageConnection, tableOptions));
        services.AddSingleton(new QueueServiceClient(storageConnection, queueOptions));
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Note(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Note(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Note(HttpMessage message)
    {
        if (Counts(message))
        {
            Interlocked.Increment(ref count);
        }
    }
}
