using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PortalAccess.Auth.Callers;
using PortalAccess.Http;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.Audit;

/// <summary>
/// The append-only audit trail (DESIGN.md rule 8): partition = customer, RowKey = inverted time, so a
/// partition reads newest first. Rows are only ever added.
/// </summary>
public sealed partial class AuditLog(StorageAccount storage, TimeProvider time, ILogger<AuditLog> log)
{
    private TableClient Table => storage.Table(StorageNames.AuditTable);

    public async Task WriteAsync(string customerNumber, AuditParty actor, string action, AuditParty? target,
        IReadOnlyDictionary<string, AuditChange>? changes, string? ip, CancellationToken ct)
    {
        var at = time.GetUtcNow();
        var key = $"{(DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";
        try
        {
            await AddAsync(customerNumber, actor, action, target, changes, ip, at, key, ct);
        }
        catch (Exception e) when (StorageOutage.IsCause(e))
        {
            // the change itself is stored already: the log keeps what the trail could not (never a secret: the trail holds none)
            LogNotWritten(log, customerNumber, action, actor.Id, target?.Id, at);
            throw;
        }
    }

    private Task<Azure.Response> AddAsync(string customerNumber, AuditParty actor, string action, AuditParty? target,
        IReadOnlyDictionary<string, AuditChange>? changes, string? ip, DateTimeOffset at, string key, CancellationToken ct) =>
        Table.AddEntityAsync(new AuditEntity
        {
            PartitionKey = customerNumber, RowKey = key, At = at,
            ActorId = actor.Id, ActorKind = actor.Kind, ActorName = actor.Name, Action = action,
            TargetId = target?.Id, TargetKind = target?.Kind, TargetName = target?.Name,
            Changes = changes is null ? null : JsonSerializer.Serialize(changes, JsonBody.Options),
            Ip = ip,
        }, ct);

    [LoggerMessage(LogLevel.Error,
        "Audit entry not written, storage unavailable: customer {CustomerNumber}, {Action} by {ActorId} on {TargetId} at {At}")]
    private static partial void LogNotWritten(
        ILogger logger, string customerNumber, string action, string actorId, string? targetId, DateTimeOffset at);

    public async Task<(IReadOnlyList<AuditEntry> Items, string? LastKey)> ListAsync(
        string customerNumber, int pageSize, string? afterKey, CancellationToken ct)
    {
        var filter = afterKey is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {customerNumber}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {customerNumber} and RowKey gt {afterKey}");
        var items = new List<AuditEntity>();
        var more = false;
        await foreach (var row in Table.QueryAsync<AuditEntity>(filter, maxPerPage: pageSize + 1, cancellationToken: ct))
        {
            if (items.Count == pageSize)
            {
                more = true;
                break;
            }
            items.Add(row);
        }
        return (items.Select(e => e.ToEntry()).ToList(), more ? items[^1].RowKey : null);
    }

    /// <summary>Grants as they appear in the trail: sorted, so before and after compare line by line.</summary>
    public static string[] Sorted(IEnumerable<string> grants) => grants.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Records what <paramref name="caller"/> did to <paramref name="target"/>, from the address it called from.</summary>
    public Task WriteAsync(
        Caller caller, string action, Account target, IReadOnlyDictionary<string, AuditChange>? changes, CancellationToken ct) =>
        WriteAsync(caller.CustomerNumber, AuditParty.Of(caller.Account), action, AuditParty.Of(target), changes, caller.Ip, ct);

    /// <summary>The changed fields between two values of the same things (name → (before, after)).</summary>
    public static IReadOnlyDictionary<string, AuditChange> Diff(params (string Field, object? Before, object? After)[] fields) =>
        fields.Where(f => !Equals(f.Before, f.After)
                && !(f.Before is IEnumerable<string> b && f.After is IEnumerable<string> a && b.SequenceEqual(a)))
            .ToDictionary(f => f.Field, f => new AuditChange(f.Before, f.After));

    private sealed class AuditEntity : TableRow
    {
        public DateTimeOffset At { get; set; }
        public string ActorId { get; set; } = "";
        public string ActorKind { get; set; } = "";
        public string ActorName { get; set; } = "";
        public string Action { get; set; } = "";
        public string? TargetId { get; set; }
        public string? TargetKind { get; set; }
        public string? TargetName { get; set; }
        public string? Changes { get; set; }
        public string? Ip { get; set; }

        public AuditEntry ToEntry() => new(
            RowKey, At, new AuditParty(ActorId, ActorKind, ActorName), Action,
            TargetId is null ? null : new AuditParty(TargetId, TargetKind ?? "", TargetName ?? ""),
            Changes is null ? null : JsonSerializer.Deserialize<Dictionary<string, AuditChange>>(Changes, JsonBody.Options),
            Ip);
    }
}
