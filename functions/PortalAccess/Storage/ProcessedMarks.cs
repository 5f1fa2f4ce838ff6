using Azure;
using Azure.Data.Tables;

namespace PortalAccess.Storage;

/// <summary>
/// Idempotency marks in the <c>ProcessedEvents</c> table: an id of a scope ("mail", "event") that was
/// handled already, so an at-least-once redelivery changes nothing.
/// </summary>
public sealed class ProcessedMarks(StorageTables storage)
{
    private const string Row = "done";
    private TableClient Table => storage.Table(StorageNames.ProcessedEventsTable);

    public async Task<bool> IsMarkedAsync(string scope, string id, CancellationToken ct) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(Key(scope, id), Row, select: ["PartitionKey"], cancellationToken: ct)).HasValue;

    public async Task MarkAsync(string scope, string id, DateTimeOffset at, CancellationToken ct)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(Key(scope, id), Row) { ["ProcessedAt"] = at }, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // marked by a concurrent delivery: the same outcome
        }
    }

    private static string Key(string scope, string id) => TableKeys.Escape($"{scope}|{id}");
}
