using Microsoft.AspNetCore.Http;
using PortalAccess.Http;
using PortalAccess.Storage;

namespace PortalAccess.Auth;

/// <summary>Sets a password through a link: the link is spent, the principal becomes active, its sessions end.</summary>
public sealed class AccountActivation(LinkCheck links, AccountStore accounts, LinkTokenStore linkTokens, PasswordHasher hasher, TimeProvider time)
{
    public async Task<IResult> SetPasswordAsync(string token, string password, IReadOnlySet<LinkPurpose> purposes, CancellationToken ct)
    {
        // a concurrent edit of the account (not of the link) is retried; a concurrent use of the link makes it unusable
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var link = await links.FindAsync(token, purposes, ct);
            if (link is null)
            {
                return Problems.Gone();
            }
            if (PasswordPolicy.Check(password, link.Account.Login) is { } weak)
            {
                return Problems.Validation("password", weak);
            }
            var account = link.Account;
            var activated = account with
            {
                Status = AccountStatus.Active,
                PasswordHash = hasher.Hash(password),
                ActivatedAt = account.ActivatedAt ?? time.GetUtcNow(),
                Mail = null,
                SecurityStamp = Account.NewStamp(),
            };
            try
            {
                await accounts.UpdateAsync(account, activated, ct);
            }
            catch (ConcurrencyException)
            {
                continue;
            }
            await linkTokens.DeleteAsync(link.Hash, ct);
            return TypedResults.NoContent();
        }
        return Problems.Gone();
    }
}
