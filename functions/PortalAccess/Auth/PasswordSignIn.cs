using PortalAccess.Audit;
using PortalAccess.Storage;

namespace PortalAccess.Auth;

/// <summary>
/// Checks a login and password. Every failure (unknown login, wrong password, locked, not yet activated)
/// looks the same to the caller and costs one password hash (DESIGN.md rules 6 and 7).
/// </summary>
public sealed class PasswordSignIn(LoginIndex index, AccountStore accounts, PasswordHasher hasher, AuditLog audit, TimeProvider time)
{
    public async Task<Account?> SignInAsync(string typedLogin, string password, string? ip, CancellationToken ct)
    {
        var account = await FindAsync(LoginName.Normalize(typedLogin), ct);
        return account is null ? await FailAsync(password, ct) : await VerifyAsync(account, password, ip, ct);
    }

    /// <summary>Checks the password of a known account under the lockout rules; the account after a success, else null.</summary>
    public async Task<Account?> VerifyAsync(Account account, string password, string? ip, CancellationToken ct)
    {
        if (account.IsLockedAt(time.GetUtcNow()))
        {
            return await FailAsync(password, ct);
        }
        var attempt = await RecordAttemptAsync(account, ct);
        if (attempt is null || !await hasher.VerifyAsync(attempt.PasswordHash, password, ct))
        {
            if (attempt is { LockedUntil: { } until } && until != account.LockedUntil)
            {
                await audit.WriteAsync(account.CustomerNumber, AuditParty.Of(account), "login.locked", AuditParty.Of(account),
                    AuditLog.Diff(("lockedUntil", null, until), ("failedLogins", account.FailedLogins, attempt.FailedLogins)), ip, ct);
            }
            return null;
        }
        return await RecordSuccessAsync(attempt, password, ct);
    }

    /// <summary>The active, password-holding account with this login, for a password reset.</summary>
    public Task<Account?> FindActiveAsync(string typedLogin, CancellationToken ct) => FindAsync(LoginName.Normalize(typedLogin), ct);

    private async Task<Account?> FailAsync(string password, CancellationToken ct)
    {
        await hasher.VerifyAsync(null, password, ct);
        return null;
    }

    /// <summary>The active, password-holding account that owns <paramref name="login"/>; a stale index row counts as unknown.</summary>
    private async Task<Account?> FindAsync(string? login, CancellationToken ct)
    {
        var entry = login is null ? null : await index.FindAsync(login, ct);
        var account = entry is null ? null : await accounts.GetAsync(entry.CustomerNumber, entry.Kind, entry.PrincipalId, ct);
        return account is { Status: AccountStatus.Active, PasswordHash: not null } && account.Login == login ? account : null;
    }

    /// <summary>Counts the attempt as failed before the password is checked; null when the account is locked meanwhile.</summary>
    private async Task<Account?> RecordAttemptAsync(Account account, CancellationToken ct)
    {
        for (var tries = 0; tries < 5; tries++)
        {
            var now = time.GetUtcNow();
            if (account.IsLockedAt(now))
            {
                return null;
            }
            try
            {
                return await accounts.UpdateAsync(account, Lockout.WithAttempt(account, now), ct);
            }
            catch (ConcurrencyException)
            {
                // another attempt (or an edit) came first: count on top of it
                account = await accounts.GetAsync(account.CustomerNumber, account.Kind, account.Id, ct) ?? account with { LockedUntil = DateTimeOffset.MaxValue };
            }
        }
        return null;
    }

    /// <summary>Takes the attempt back, records the sign-in and re-hashes a password stored with older parameters.</summary>
    private async Task<Account?> RecordSuccessAsync(Account account, string password, CancellationToken ct)
    {
        var rehash = PasswordHasher.NeedsRehash(account.PasswordHash!) ? await hasher.HashAsync(password, ct) : null;
        for (var tries = 0; tries < 5; tries++)
        {
            try
            {
                return await accounts.UpdateAsync(account, Lockout.Cleared(account) with
                {
                    LastLoginAt = time.GetUtcNow(),
                    PasswordHash = rehash ?? account.PasswordHash,
                }, ct);
            }
            catch (ConcurrencyException)
            {
                var current = await accounts.GetAsync(account.CustomerNumber, account.Kind, account.Id, ct);
                if (current is null || current.SecurityStamp != account.SecurityStamp || current.PasswordHash != account.PasswordHash)
                {
                    return null; // deleted, disabled or given a new password while we checked
                }
                account = current;
            }
        }
        return null;
    }
}
