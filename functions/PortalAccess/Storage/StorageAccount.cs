using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace PortalAccess.Storage;

/// <summary>The table and queue clients, with the configured name prefix applied.</summary>
public sealed class StorageAccount(TableServiceClient tables, QueueServiceClient queues, IOptions<PortalAccessOptions> options)
{
    private readonly string prefix = options.Value.Storage.Prefix;

    public TableClient Table(string name) => tables.GetTableClient(prefix + name);

    public QueueClient Queue(string name) => queues.GetQueueClient(QueueName(name));

    public string QueueName(string name) => prefix.Length == 0 ? name : $"{prefix.ToLowerInvariant()}-{name}";

    /// <summary>Creates what is missing; in Azure the template has created everything already.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        foreach (var name in StorageNames.Tables)
        {
            await Table(name).CreateIfNotExistsAsync(ct);
        }
        foreach (var name in StorageNames.Queues)
        {
            await Queue(name).CreateIfNotExistsAsync(cancellationToken: ct);
        }
    }

    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        try
        {
            await Table(StorageNames.AccountsTable).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct)
                .AsPages().GetAsyncEnumerator(ct).MoveNextAsync();
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && (StorageOutage.IsCause(e) || e is Azure.RequestFailedException))
        {
            return false;
        }
    }
}
