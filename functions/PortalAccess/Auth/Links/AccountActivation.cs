using PortalAccess.Audit;
using PortalAccess.Auth.Passwords;
using PortalAccess.Auth.SignIn;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.Auth.Links;

/// <summary>
/// Sets a password through a link (activation or reset): the link is spent, the principal becomes active,
/// a lockout is lifted and every session ends.
/// </summary>
public sealed class AccountActivation(
    LinkCheck links, AccountStore accounts, LinkTokenStore linkTokens, PasswordHasher hasher, AuditLog audit, TimeProvider time)
{
    /// <summary>
    /// Null when the password is set; <see cref="Refusal.Gone"/> for an unusable link, <c>Invalid</c> for a weak
    /// password.
    /// </summary>
    public async Task<Refusal?> SetPasswordAsync(
        string token, string password, IReadOnlySet<LinkPurpose> purposes, string? ip, CancellationToken ct)
    {
        // a concurrent edit of the account (not of the link) is retried; a concurrent use of the link makes it unusable
        string? hash = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var link = await links.FindAsync(token, purposes, ct);
            if (link is null)
            {
                return Refusal.Gone;
            }
            if (PasswordPolicy.Check(password, link.Account.Login) is { } weak)
            {
                return Refusal.Invalid("password", weak);
            }
            var account = link.Account;
            hash ??= await hasher.HashAsync(password, ct);
            var updated = Lockout.Cleared(account) with
            {
                Status = AccountStatus.Active,
                PasswordHash = hash,
                ActivatedAt = account.ActivatedAt ?? time.GetUtcNow(),
                Mail = null,
                SecurityStamp = Account.NewStamp(),
            };
            if (!(await accounts.UpdateAsync(account, updated, ct)).Done)
            {
                continue;
            }
            await linkTokens.DeleteAsync(link.Hash, ct);
            var action = link.Mail.Purpose == LinkPurpose.PasswordReset ? "password.reset" : "principal.activated";
            await audit.WriteAsync(account.CustomerNumber, AuditParty.Of(account), action, AuditParty.Of(account), null, ip, ct);
            return null;
        }
        return Refusal.Gone;
    }
}
