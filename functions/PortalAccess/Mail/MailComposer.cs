using Microsoft.Extensions.Options;
using PortalAccess.Principals;

namespace PortalAccess.Mail;

/// <summary>
/// Writes the mails so that people can trust them: they name the product, the customer and who set the access up,
/// show the full link address, say until when (Berlin time) the link works and that an unexpected mail can be
/// ignored. German first, English below, as plain text and HTML.
/// </summary>
public sealed class MailComposer(IOptions<PortalAccessOptions> options)
{
    public Uri LinkFor(LinkPurpose purpose, string token)
    {
        var page = purpose == LinkPurpose.PasswordReset ? "reset-password" : "activate";
        return new Uri($"{options.Value.PortalBaseUrl.ToString().TrimEnd('/')}/{page}#token={token}");
    }

    public OutgoingMail Compose(Account account, MailOrigin origin, LinkPurpose purpose, Uri link, DateTimeOffset expiresAt)
    {
        var product = options.Value.Mail.ProductName;
        var login = account.Kind == PrincipalKind.Owner ? account.Login : account.Email ?? account.Login;
        var (de, en) = MailTime.Describe(expiresAt, MailTime.Berlin);
        MailPart[] parts =
        [
            MailWording.German.Part(account, origin, purpose, product, login, de),
            MailWording.English.Part(account, origin, purpose, product, login, en),
        ];
        var subject = MailWording.Subject(purpose, product);
        return new OutgoingMail(account.Email ?? account.Login, account.Name, subject,
            MailLayout.Text(parts, link), MailLayout.Html(subject, product, parts, link));
    }
}
