using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PortalAccess.Http;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.Customers;

/// <summary>
/// GDPR erasure: removes every principal, login, link, session and audit row of a customer. Logins go first:
/// a crash midway leaves accounts that a repeated DELETE still finds, never login rows that nothing points to.
/// </summary>
public sealed partial class CustomerErasure(StorageAccount storage, AccountStore accounts, LoginIndex index, ILogger<CustomerErasure> log)
{
    public async Task EraseAsync(string customerNumber, CancellationToken ct)
    {
        foreach (var group in Enum.GetValues<PrincipalGroup>())
        {
            string? after = null;
            do
            {
                var (items, last) = await accounts.ListAsync(customerNumber, group, PageRequest.MaxSize, after, ct);
                foreach (var principal in items)
                {
                    await index.ReleaseAsync(principal.Login, customerNumber, principal.Id, ct);
                }
                after = last;
            }
            while (after is not null);
        }
        var partition = TableClient.CreateQueryFilter($"PartitionKey eq {customerNumber}");
        await DeleteAllAsync(storage.Table(StorageNames.AccountsTable), partition, ct);
        await DeleteAllAsync(storage.Table(StorageNames.SessionsTable), partition, ct);
        // link rows are keyed by token hash; erasure is rare enough to afford a scan for them
        await DeleteAllAsync(storage.Table(StorageNames.LinkTokensTable),
            TableClient.CreateQueryFilter($"CustomerNumber eq {customerNumber}"), ct);
        await DeleteAllAsync(storage.Table(StorageNames.AuditTable), partition, ct);
        LogErased(log, customerNumber);
    }

    /// <summary>Deletes every row the filter finds, one transaction per partition and 100 rows.</summary>
    private static async Task DeleteAllAsync(TableClient table, string filter, CancellationToken ct)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            rows.Add(row);
        }
        foreach (var chunk in rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100)))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), ct);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // some row went meanwhile: delete the rest one by one
                foreach (var row in chunk)
                {
                    await table.DeleteIfPresentAsync(row.PartitionKey, row.RowKey, ct);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Customer {CustomerNumber} erased")]
    private static partial void LogErased(ILogger logger, string customerNumber);
}
