using PortalAccess.Storage;

namespace PortalAccess.Auth;

/// <summary>Checks a login and password. Every failure looks the same and costs one password hash.</summary>
public sealed class PasswordSignIn(LoginIndex index, AccountStore accounts, PasswordHasher hasher, TimeProvider time)
{
    public async Task<Account?> SignInAsync(string typedLogin, string password, CancellationToken ct)
    {
        var login = LoginName.Normalize(typedLogin);
        var entry = login is null ? null : await index.FindAsync(login, ct);
        var account = entry is null ? null : await accounts.GetAsync(entry.CustomerNumber, entry.Kind, entry.PrincipalId, ct);
        // an index row whose account carries another login is stale: treat as unknown
        var usable = account is { Status: AccountStatus.Active, PasswordHash: not null } && account.Login == login;
        if (!hasher.Verify(usable ? account!.PasswordHash : null, password))
        {
            return null;
        }
        await accounts.TouchLastLoginAsync(account!, time.GetUtcNow(), ct);
        if (PasswordHasher.NeedsRehash(account!.PasswordHash!))
        {
            try
            {
                account = await accounts.UpdateAsync(account, account with { PasswordHash = hasher.Hash(password) }, ct);
            }
            catch (ConcurrencyException)
            {
                // changed meanwhile: the next sign-in re-hashes
            }
        }
        return account;
    }
}
