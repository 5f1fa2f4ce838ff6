using Microsoft.Extensions.Options;
using PortalAccess.Audit;
using PortalAccess.Auth.Callers;
using PortalAccess.Auth.SignIn;
using PortalAccess.Auth.Tokens;
using PortalAccess.Mail;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.Auth.Passwords;

/// <summary>A principal changes its own password, or asks for a reset link.</summary>
public sealed class PasswordChanges(
    PasswordSignIn signIn, AccountStore accounts, PasswordHasher hasher, RefreshSessions sessions, MailOutbox outbox,
    AuditLog audit, IOptions<PortalAccessOptions> options, TimeProvider time)
{
    /// <summary>Needs the current password; every other session ends, the caller's stays. Null when changed.</summary>
    public async Task<Refusal?> ChangeAsync(Caller caller, string currentPassword, string newPassword, string? ip, CancellationToken ct)
    {
        if (PasswordPolicy.Check(newPassword, caller.Account.Login) is { } weak)
        {
            return Refusal.Invalid("newPassword", weak);
        }
        var verified = await signIn.VerifyAsync(caller.Account, currentPassword, ip, ct);
        if (verified is null)
        {
            return Refusal.NotAllowed("The current password is wrong.");
        }
        // the caller proved the current password through the gate already: the new hash waits its turn rather than waste that
        var changed = verified
            with { PasswordHash = await hasher.HashAsync(newPassword, HashQueueing.Wait, ct), SecurityStamp = Account.NewStamp() };
        var written = await accounts.UpdateAsync(verified, changed, ct);
        if (!written.Done)
        {
            return written.Refusal;
        }
        changed = written.Value;
        if (caller.SessionId is not null)
        {
            await sessions.AdoptStampAsync(changed.CustomerNumber, caller.SessionId, changed.SecurityStamp, ct);
        }
        await audit.WriteAsync(changed.CustomerNumber, AuditParty.Of(changed), "password.changed", AuditParty.Of(changed), null, ip, ct);
        return null;
    }

    /// <summary>
    /// Queues a reset mail when the login exists and is active, and its last one is older than
    /// <see cref="RateLimitOptions.ResetMailInterval"/> (mail flooding); the caller learns nothing either way.
    /// </summary>
    public async Task RequestResetAsync(string typedLogin, string? ip, CancellationToken ct)
    {
        var account = await signIn.FindActiveAsync(typedLogin, ct);
        var lifetime = options.Value.Links.ResetLifetime;
        if (account is null
            || account.Mail is { Purpose: LinkPurpose.PasswordReset } recent
                && recent.ExpiresAt - lifetime + options.Value.RateLimits.ResetMailInterval > time.GetUtcNow())
        {
            return;
        }
        // changed meanwhile (another reset request?): nothing is sent, and the person can ask again
        if ((await accounts.UpdateAsync(account, outbox.Renew(account, LinkPurpose.PasswordReset, lifetime), ct)) is { Done: true } written)
        {
            var saved = written.Value;
            await outbox.EnqueueAsync(MailOutbox.RequestFor(saved), ct);
            await audit.WriteAsync(saved.CustomerNumber, AuditParty.Of(saved), "password.reset-requested",
                AuditParty.Of(saved), null, ip, ct);
        }
    }
}
