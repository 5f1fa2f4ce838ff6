using Azure;
using Azure.Data.Tables;
using PortalAccess.Principals;

namespace PortalAccess.Storage;

/// <summary>
/// The <c>Logins</c> table: the unique index from a normalised login to its principal. The account row
/// is the truth; an index row whose account does not carry the same login is stale and may be taken over.
/// </summary>
public sealed class LoginIndex(StorageAccount storage, AccountStore accounts, TimeProvider time)
{
    /// <summary>
    /// A younger row may belong to a write still in progress (index row written, account not yet), so it is
    /// never taken over; an older one whose account disagrees is what a crash left behind.
    /// </summary>
    public static readonly TimeSpan ClaimGrace = TimeSpan.FromMinutes(2);

    private const string Row = "login";
    private TableClient Table => storage.Table(StorageNames.LoginsTable);

    public async Task<LoginEntry?> FindAsync(string login, CancellationToken ct)
    {
        var response = await Table.GetEntityIfExistsAsync<LoginEntity>(TableKeys.Escape(login), Row, cancellationToken: ct);
        return response.HasValue ? response.Value!.ToEntry(login) : null;
    }

    /// <summary>The one rule for a stale index row: its principal is gone, or no longer carries this login.</summary>
    public async Task<bool> IsStaleAsync(LoginEntry entry, CancellationToken ct) =>
        await accounts.GetAsync(entry.CustomerNumber, entry.Kind, entry.PrincipalId, ct) is not { } holder || holder.Login != entry.Login;

    /// <summary>
    /// Claims <paramref name="login"/> for a principal. An existing row of another principal is taken over only when it
    /// is older than <see cref="ClaimGrace"/> and <see cref="IsStaleAsync"/>.
    /// </summary>
    public async Task<bool> TryClaimAsync(string login, string customerNumber, PrincipalKind kind, string principalId, CancellationToken ct)
    {
        var entity = new LoginEntity
        {
            PartitionKey = TableKeys.Escape(login), RowKey = Row,
            CustomerNumber = customerNumber, Kind = kind.ToString(), PrincipalId = principalId,
        };
        try
        {
            await Table.AddEntityAsync(entity, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await FindAsync(login, ct);
            if (existing is null)
            {
                return await TryClaimAsync(login, customerNumber, kind, principalId, ct);
            }
            if (existing.CustomerNumber == customerNumber && existing.PrincipalId == principalId)
            {
                return true;
            }
            if (time.GetUtcNow() - existing.ClaimedAt < ClaimGrace || !await IsStaleAsync(existing, ct))
            {
                return false;
            }
            try
            {
                await Table.UpdateEntityAsync(entity, new ETag(existing.ETag), TableUpdateMode.Replace, ct);
                return true;
            }
            catch (RequestFailedException race) when (race.Status is 404 or 412)
            {
                return false; // someone else took it over first
            }
        }
    }

    /// <summary>Removes the row if it still points at this principal.</summary>
    public async Task ReleaseAsync(string login, string customerNumber, string principalId, CancellationToken ct)
    {
        var existing = await FindAsync(login, ct);
        if (existing is null || existing.CustomerNumber != customerNumber || existing.PrincipalId != principalId)
        {
            return;
        }
        try
        {
            await Table.DeleteEntityAsync(TableKeys.Escape(login), Row, new ETag(existing.ETag), ct);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // taken over meanwhile: not ours to remove (a row that is gone already is no error: the SDK takes a delete's 404 as done)
        }
    }

    /// <summary>
    /// Undoes a claim whose account write failed: removes the row only if no account carries the login, since a write that
    /// failed on the wire may still have been stored.
    /// </summary>
    public async Task ReleaseUnusedAsync(string login, string customerNumber, PrincipalKind kind, string principalId, CancellationToken ct)
    {
        if (await accounts.GetAsync(customerNumber, kind, principalId, ct) is { } holder && holder.Login == login)
        {
            return;
        }
        await ReleaseAsync(login, customerNumber, principalId, ct);
    }

    private sealed class LoginEntity : TableRow
    {
        public string CustomerNumber { get; set; } = "";
        public string Kind { get; set; } = "";
        public string PrincipalId { get; set; } = "";

        public LoginEntry ToEntry(string login) =>
            new(login, CustomerNumber, Enum.Parse<PrincipalKind>(Kind), PrincipalId, ETag.ToString(), Timestamp ?? DateTimeOffset.MinValue);
    }
}
