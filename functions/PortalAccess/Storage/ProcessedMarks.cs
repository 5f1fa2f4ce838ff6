using Azure;
using Azure.Data.Tables;

namespace PortalAccess.Storage;

/// <summary>
/// Idempotency marks in the <c>ProcessedEvents</c> table. A delivery claims the id before it acts, so two
/// concurrent deliveries of one message cannot both act; a claim whose holder died expires after its lease.
/// </summary>
public sealed class ProcessedMarks(StorageAccount storage, TimeProvider time)
{
    private const string Row = "mark";
    private TableClient Table => storage.Table(StorageNames.ProcessedEventsTable);

    public async Task<ClaimResult> TryClaimAsync(string scope, string id, TimeSpan lease, CancellationToken ct)
    {
        var entity = new MarkEntity { PartitionKey = Key(scope, id), RowKey = Row, State = "claimed", At = time.GetUtcNow() };
        try
        {
            await Table.AddEntityAsync(entity, ct);
            return ClaimResult.Claimed;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await Table.GetEntityIfExistsAsync<MarkEntity>(entity.PartitionKey, Row, cancellationToken: ct);
            if (!existing.HasValue)
            {
                return ClaimResult.Busy; // released a moment ago: the next delivery claims it
            }
            var mark = existing.Value!;
            if (mark.State == "done")
            {
                return ClaimResult.Done;
            }
            if (time.GetUtcNow() - mark.At < lease)
            {
                return ClaimResult.Busy;
            }
            try
            {
                await Table.UpdateEntityAsync(entity, mark.ETag, TableUpdateMode.Replace, ct);
                return ClaimResult.Claimed;
            }
            catch (RequestFailedException race) when (race.Status is 404 or 412)
            {
                return ClaimResult.Busy;
            }
        }
    }

    public async Task<bool> IsDoneAsync(string scope, string id, CancellationToken ct) =>
        await Table.GetEntityIfExistsAsync<MarkEntity>(Key(scope, id), Row, cancellationToken: ct)
            is { HasValue: true, Value.State: "done" };

    public Task CompleteAsync(string scope, string id, CancellationToken ct) =>
        Table.UpsertEntityAsync(new MarkEntity { PartitionKey = Key(scope, id), RowKey = Row, State = "done", At = time.GetUtcNow() },
            TableUpdateMode.Replace, ct);

    /// <summary>Gives a claim back after a failure, so that the retry need not wait for the lease.</summary>
    public Task ReleaseAsync(string scope, string id, CancellationToken ct) =>
        Table.DeleteIfPresentAsync(Key(scope, id), Row, ct);

    private static string Key(string scope, string id) => TableKeys.Escape($"{scope}|{id}");

    private sealed class MarkEntity : TableRow
    {
        public string State { get; set; } = "";
        public DateTimeOffset At { get; set; }
    }
}
