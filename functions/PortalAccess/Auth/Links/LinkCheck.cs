using PortalAccess.Auth.Tokens;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.Auth.Links;

/// <summary>Decides whether an activation or reset link is usable: known, meant for this purpose, unexpired, not superseded.</summary>
public sealed class LinkCheck(LinkTokenStore links, AccountStore accounts, TimeProvider time)
{
    public async Task<UsableLink?> FindAsync(string? token, IReadOnlySet<LinkPurpose> purposes, CancellationToken ct)
    {
        // every link token is NewToken's; anything else would only cost a storage lookup that finds nothing
        if (token is not { Length: Secrets.TokenLength })
        {
            return null;
        }
        var hash = Secrets.Sha256Hex(token);
        var target = await links.FindAsync(hash, ct);
        var account = target is null ? null : await accounts.GetAsync(target.CustomerNumber, target.Kind, target.PrincipalId, ct);
        return account?.Mail is { } mail && mail.Id == target!.MailId && purposes.Contains(mail.Purpose)
            && mail.ExpiresAt > time.GetUtcNow()
            ? new UsableLink(hash, account, mail)
            : null;
    }

    public static string PurposeName(LinkPurpose purpose) => purpose switch
    {
        LinkPurpose.Activation => "activation",
        LinkPurpose.DeskWelcome => "desk-welcome",
        _ => "password-reset",
    };
}
