using Azure;
using Azure.Data.Tables;
using PortalAccess.Principals;

namespace PortalAccess.Storage;

/// <summary>The <c>Sessions</c> table, partition = customer, so erasing a customer reaches every session.</summary>
public sealed class SessionStore(StorageAccount storage)
{
    private TableClient Table => storage.Table(StorageNames.SessionsTable);

    public Task AddAsync(RefreshSession s, CancellationToken ct) => Table.AddEntityAsync(SessionEntity.From(s), ct);

    public async Task<RefreshSession?> GetAsync(string customerNumber, string id, CancellationToken ct)
    {
        var response = await Table.GetEntityIfExistsAsync<SessionEntity>(customerNumber, id, cancellationToken: ct);
        return response.HasValue ? response.Value!.ToSession() : null;
    }

    /// <summary>Rotates the token hash; false when another request rotated or ended the session first.</summary>
    public async Task<bool> TryReplaceAsync(RefreshSession updated, CancellationToken ct)
    {
        try
        {
            await Table.UpdateEntityAsync(SessionEntity.From(updated), new ETag(updated.ETag!), TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    public Task DeleteAsync(string customerNumber, string id, CancellationToken ct) =>
        Table.DeleteIfPresentAsync(customerNumber, id, ct);

    private sealed class SessionEntity : TableRow
    {
        public string Kind { get; set; } = "";
        public string PrincipalId { get; set; } = "";
        public string TokenHash { get; set; } = "";
        public string SecurityStamp { get; set; } = "";
        public DateTimeOffset ExpiresAt { get; set; }

        public static SessionEntity From(RefreshSession s) => new()
        {
            PartitionKey = s.CustomerNumber, RowKey = s.Id, Kind = s.Kind.ToString(), PrincipalId = s.PrincipalId,
            TokenHash = s.TokenHash, SecurityStamp = s.SecurityStamp, ExpiresAt = s.ExpiresAt,
        };

        public RefreshSession ToSession() => new(
            PartitionKey, RowKey, Enum.Parse<PrincipalKind>(Kind), PrincipalId, TokenHash, SecurityStamp, ExpiresAt, ETag.ToString());
    }
}
