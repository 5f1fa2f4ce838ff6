using Azure;
using Azure.Data.Tables;
using PortalAccess.Principals;

namespace PortalAccess.Storage;

/// <summary>Principals and their grants: one partition per customer, one transaction per change.</summary>
public sealed class AccountStore(StorageAccount storage)
{
    private TableClient Table => storage.Table(StorageNames.AccountsTable);

    /// <summary>The principal of <paramref name="kind"/>'s group with this id (a desk of either kind for a desk).</summary>
    public Task<Account?> GetAsync(string customerNumber, PrincipalKind kind, string id, CancellationToken ct) =>
        GetAsync(customerNumber, kind.GroupOf(), id, ct);

    public async Task<Account?> GetAsync(string customerNumber, PrincipalGroup group, string id, CancellationToken ct)
    {
        // Ids are ours (32 hex digits); anything else cannot exist and must not reach a key.
        if (!IsWellFormedId(id))
        {
            return null;
        }
        var key = AccountEntity.PrincipalKey(group, id);
        var rows = new List<AccountEntity>();
        await foreach (var row in Table.QueryAsync<AccountEntity>(RangeFilter(customerNumber, key, key + "}"), cancellationToken: ct))
        {
            rows.Add(row);
        }
        return Assemble(rows).FirstOrDefault();
    }

    /// <summary>
    /// How many rows a principal takes with its grants, as the first guess for sizing a list query; a page of principals
    /// with more grants than that costs one more storage request, sized from what the first one saw.
    /// </summary>
    internal const int RowsPerPrincipalGuess = 5;

    /// <summary>The most rows one storage request returns.</summary>
    private const int MaxRowsPerRequest = 1000;

    /// <summary>
    /// One page of principals of a group (owner, user, desk), with their grants, in id order. Reads about one page of
    /// rows whatever the customer's size: each storage request asks for the rows that the principals still missing take
    /// (plus the next principal's row, which proves that the last one's grants are complete), never a fixed 1,000.
    /// </summary>
    public async Task<(IReadOnlyList<Account> Items, string? LastKey)> ListAsync(
        string customerNumber, PrincipalGroup of, int pageSize, string? afterKey, CancellationToken ct)
    {
        var (first, end) = AccountEntity.GroupRange(of);
        var from = afterKey is not null && afterKey.StartsWith(first, StringComparison.Ordinal) ? afterKey + "}" : first;
        var query = Table.QueryAsync<AccountEntity>(RangeFilter(customerNumber, from, end), cancellationToken: ct);
        var rows = new List<AccountEntity>();
        var principals = 0;
        var more = false;
        string? continuation = null;
        do
        {
            var perPrincipal = principals == 0
                ? RowsPerPrincipalGuess
                : Math.Max(RowsPerPrincipalGuess, (rows.Count + principals - 1) / principals + 1);
            var size = Math.Min(MaxRowsPerRequest, (pageSize + 1 - principals) * perPrincipal);
            // one storage request: a query always answers with a page, if an empty one
            var page = await query.AsPages(continuation, size).FirstAsync(ct);
            foreach (var row in page.Values)
            {
                if (!row.RowKey.Contains(AccountEntity.GrantMarker, StringComparison.Ordinal) && ++principals > pageSize)
                {
                    more = true;
                    break;
                }
                rows.Add(row);
            }
            continuation = page.ContinuationToken;
        }
        while (!more && continuation is not null);
        var items = Assemble(rows);
        return (items, more ? AccountEntity.PrincipalKey(of, items[^1].Id) : null);
    }

    /// <summary>
    /// The principal with its grants, written in one transaction; <see cref="Refusal.Stale"/> when one with its id
    /// exists.
    /// </summary>
    public Task<Outcome<Account>> CreateAsync(Account account, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, AccountEntity.FromAccount(account)) };
        actions.AddRange(account.Grants.Select(g => new TableTransactionAction(TableTransactionActionType.Add, GrantRow(account, g))));
        return SubmitAsync(account, actions, ct);
    }

    /// <summary>
    /// Writes <paramref name="updated"/> over <paramref name="current"/>; <see cref="Refusal.Stale"/> when the row
    /// changed since it was read.
    /// </summary>
    public async Task<Outcome<Account>> UpdateAsync(Account current, Account updated, CancellationToken ct)
    {
        var entity = AccountEntity.FromAccount(updated with { ETag = current.ETag });
        if (current.Grants.SetEquals(updated.Grants))
        {
            try
            {
                var response = await Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, ct);
                return updated with { ETag = response.Headers.ETag?.ToString() };
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                return Refusal.Stale;
            }
        }
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, entity, entity.ETag) };
        actions.AddRange(current.Grants.Except(updated.Grants)
            .Select(g => new TableTransactionAction(TableTransactionActionType.Delete, GrantRow(current, g), ETag.All)));
        actions.AddRange(updated.Grants.Except(current.Grants)
            .Select(g => new TableTransactionAction(TableTransactionActionType.UpsertReplace, GrantRow(current, g))));
        return await SubmitAsync(updated, actions, ct);
    }

    /// <summary>
    /// Sets only <c>LastLoginAt</c>, as a merge that does not look at the ETag: whatever else changed meanwhile stays, and
    /// parallel calls never conflict. Null when the account is gone (a merge never creates a row).
    /// </summary>
    public async Task<Account?> SetLastLoginAsync(Account account, DateTimeOffset at, CancellationToken ct)
    {
        var entity = new TableEntity(account.CustomerNumber, AccountEntity.PrincipalKey(account.Kind, account.Id))
        {
            [nameof(AccountEntity.LastLoginAt)] = at,
        };
        try
        {
            var response = await Table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, ct);
            return account with { LastLoginAt = at, ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Null when deleted with its grants; <see cref="Refusal.Stale"/> when the row changed since it was read.</summary>
    public async Task<Refusal?> DeleteAsync(Account current, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Delete, AccountEntity.FromAccount(current), new ETag(current.ETag!)),
        };
        actions.AddRange(current.Grants.Select(g =>
            new TableTransactionAction(TableTransactionActionType.Delete, GrantRow(current, g), ETag.All)));
        return (await SubmitAsync(current, actions, ct)).Refusal;
    }

    /// <summary>Ids are 32 hex digits (<see cref="Account.NewId"/>, <see cref="Account.DerivedId"/>): a GUID's "N" form.</summary>
    public static bool IsWellFormedId(string? id) => Guid.TryParseExact(id, "N", out _);

    /// <summary>
    /// <paramref name="written"/> with its new ETag; <see cref="Refusal.Stale"/> when a row changed, is gone or exists
    /// already.
    /// </summary>
    private async Task<Outcome<Account>> SubmitAsync(Account written, List<TableTransactionAction> actions, CancellationToken ct)
    {
        try
        {
            var response = await Table.SubmitTransactionAsync(actions, ct);
            return written with { ETag = response.Value[0].Headers.ETag?.ToString() };
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return Refusal.Stale;
        }
    }

    private static string RangeFilter(string partition, string from, string to) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");

    private static AccountEntity GrantRow(Account a, string grant) => new()
    {
        PartitionKey = a.CustomerNumber,
        RowKey = AccountEntity.GrantKey(a.Kind, a.Id, grant),
    };

    /// <summary>Rows arrive in RowKey order: each principal row is followed by its grant rows.</summary>
    private static List<Account> Assemble(List<AccountEntity> rows)
    {
        var result = new List<Account>();
        for (var i = 0; i < rows.Count; i++)
        {
            var principal = rows[i];
            if (principal.RowKey.Contains(AccountEntity.GrantMarker, StringComparison.Ordinal))
            {
                continue; // a grant row of a principal before the range: a forged continuation can start amid them
            }
            var grants = new HashSet<string>(StringComparer.Ordinal);
            var prefix = principal.RowKey + AccountEntity.GrantMarker;
            while (i + 1 < rows.Count && rows[i + 1].RowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                grants.Add(rows[++i].RowKey[prefix.Length..]);
            }
            result.Add(principal.ToAccount(grants));
        }
        return result;
    }
}
