using PortalAccess.Audit;
using PortalAccess.Auth.Passwords;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.Auth.SignIn;

/// <summary>
/// Checks a login and password. Every failure (unknown login, wrong password, locked, not yet activated)
/// looks the same to the caller and costs one password hash (DESIGN.md rules 6 and 7).
/// </summary>
/// <remarks>
/// The password is checked first, in the <see cref="HashGate"/>, and the outcome is written afterwards with the ETag of
/// the row it was checked against, re-reading and retrying on a conflict; only failures count, so parallel correct
/// sign-ins never count against each other. Storage: index read (skipped when <see cref="LoginOwners"/> remembers the
/// owner), account read, at most one account write, plus the session insert after a success.
/// </remarks>
public sealed class PasswordSignIn(
    LoginIndex index, LoginOwners owners, AccountStore accounts, PasswordHasher hasher, AuditLog audit, TimeProvider time)
{
    // A conflict means another outcome landed first; so many in a row is no longer contention but a fault,
    // and it ends in a refusal, never in a success.
    private const int MaxWriteTries = 64;

    /// <summary>How exactly <c>LastLoginAt</c> is kept: a sign-in within this time of the last one does not write it again.</summary>
    public static readonly TimeSpan LastLoginPrecision = TimeSpan.FromMinutes(1);

    public async Task<Account?> SignInAsync(string typedLogin, string password, string? ip, CancellationToken ct)
    {
        var account = await FindAsync(LoginName.Normalize(typedLogin), ct);
        return account is null ? await FailAsync(password, ct) : await VerifyAsync(account, password, ip, ct);
    }

    /// <summary>Checks the password of a known account under the lockout rules; the account after a success, else null.</summary>
    /// <exception cref="HashingBusyException">Hashing is saturated; nothing was checked or recorded.</exception>
    public async Task<Account?> VerifyAsync(Account account, string password, string? ip, CancellationToken ct)
    {
        if (account.IsLockedAt(time.GetUtcNow()))
        {
            return await FailAsync(password, ct);
        }
        return await hasher.VerifyAsync(account.PasswordHash, password, ct)
            ? await RecordSuccessAsync(account, password, ct)
            : await RecordFailureAsync(account, ip, ct);
    }

    /// <summary>The active, password-holding account with this login, for a password reset.</summary>
    public Task<Account?> FindActiveAsync(string typedLogin, CancellationToken ct) => FindAsync(LoginName.Normalize(typedLogin), ct);

    private async Task<Account?> FailAsync(string password, CancellationToken ct)
    {
        await hasher.VerifyAsync(null, password, ct);
        return null;
    }

    /// <summary>
    /// The active, password-holding account that owns <paramref name="login"/>; a stale index row counts as unknown. The
    /// owner remembered from an earlier sign-in is read directly, and the index only when that hint no longer holds.
    /// </summary>
    private async Task<Account?> FindAsync(string? login, CancellationToken ct)
    {
        if (login is null)
        {
            return null;
        }
        if (owners.TryGet(login, out var remembered))
        {
            var account = await AccountOfAsync(remembered, ct);
            if (account?.Login == login)
            {
                return IsUsable(account) ? account : null;
            }
            owners.Forget(login);
        }
        var entry = await index.FindAsync(login, ct);
        var found = entry is null ? null : await AccountOfAsync(entry, ct);
        if (found?.Login != login)
        {
            return null;
        }
        owners.Remember(entry!);
        return IsUsable(found) ? found : null;
    }

    private Task<Account?> AccountOfAsync(LoginEntry entry, CancellationToken ct) =>
        accounts.GetAsync(entry.CustomerNumber, entry.Kind, entry.PrincipalId, ct);

    private static bool IsUsable(Account account) => account is { Status: AccountStatus.Active, PasswordHash: not null };

    /// <summary>
    /// Counts a wrong password on top of whatever landed meanwhile. A failure that meets a lock which landed while it
    /// was checked is not counted, as no attempt on a locked account is: one burst of guesses locks for one minute, and
    /// the lock doubles with the failures that come after it. Always null.
    /// </summary>
    private async Task<Account?> RecordFailureAsync(Account account, string? ip, CancellationToken ct)
    {
        for (var tries = 0; tries < MaxWriteTries; tries++)
        {
            var now = time.GetUtcNow();
            if (account.IsLockedAt(now))
            {
                return null;
            }
            var failed = Lockout.WithFailure(account, now);
            if (!(await accounts.UpdateAsync(account, failed, ct)).Done)
            {
                var current = await accounts.GetAsync(account.CustomerNumber, account.Kind, account.Id, ct);
                if (current is null)
                {
                    return null;
                }
                account = current;
                continue;
            }
            if (failed.LockedUntil is { } until && until != account.LockedUntil)
            {
                await audit.WriteAsync(account.CustomerNumber, AuditParty.Of(account), "login.locked", AuditParty.Of(account),
                    AuditLog.Diff(("lockedUntil", null, until), ("failedLogins", account.FailedLogins, failed.FailedLogins)), ip, ct);
            }
            return null;
        }
        return null;
    }

    /// <summary>Clears the counter, records the sign-in and re-hashes a password stored with older parameters.</summary>
    /// <remarks>
    /// Nothing to clear or re-hash (the common case): <c>LastLoginAt</c> alone, with a blind merge, and not at all within
    /// <see cref="LastLoginPrecision"/> of the last one, so that parallel sign-ins of one account never race each other.
    /// A merge of that one property cannot undo a lock or a new password that landed meanwhile; such a sign-in counts as
    /// one just before them (its session carries the old security stamp and dies with it). Anything else is written with
    /// the ETag the password was checked against, so that a success cannot wipe a lock that a burst of guesses set
    /// meanwhile; on a conflict it lands on the row read again, unless that one is locked, deleted or has a new password.
    /// </remarks>
    private async Task<Account?> RecordSuccessAsync(Account account, string password, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var needsRehash = PasswordHasher.NeedsRehash(account.PasswordHash!);
        if (account is { FailedLogins: 0, LockedUntil: null } && !needsRehash)
        {
            return account.LastLoginAt > now - LastLoginPrecision ? account : await accounts.SetLastLoginAsync(account, now, ct);
        }
        var stamp = account.SecurityStamp;
        var rehash = needsRehash ? await hasher.HashAsync(password, ct) : null;
        for (var tries = 0; tries < MaxWriteTries; tries++)
        {
            var written = await accounts.UpdateAsync(account, Lockout.Cleared(account) with
            {
                LastLoginAt = time.GetUtcNow(),
                PasswordHash = rehash is not null && PasswordHasher.NeedsRehash(account.PasswordHash!) ? rehash : account.PasswordHash,
            }, ct);
            if (written.Done)
            {
                return written.Value;
            }
            var current = await accounts.GetAsync(account.CustomerNumber, account.Kind, account.Id, ct);
            if (current is not { Status: AccountStatus.Active, PasswordHash: not null } || current.SecurityStamp != stamp
                || current.IsLockedAt(time.GetUtcNow()))
            {
                return null;
            }
            account = current;
        }
        return null;
    }
}
