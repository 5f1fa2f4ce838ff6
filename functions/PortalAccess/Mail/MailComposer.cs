using System.Net;
using Microsoft.Extensions.Options;
using PortalAccess.Storage;

namespace PortalAccess.Mail;

/// <summary>Writes the mails in German and English, as plain text and HTML.</summary>
public sealed class MailComposer(IOptions<PortalAccessOptions> options)
{
    public Uri LinkFor(LinkPurpose purpose, string token)
    {
        var page = purpose == LinkPurpose.PasswordReset ? "reset-password" : "activate";
        return new Uri($"{options.Value.PortalBaseUrl.ToString().TrimEnd('/')}/{page}#token={token}");
    }

    public OutgoingMail Compose(Account account, LinkPurpose purpose, Uri link, DateTimeOffset expiresAt)
    {
        var (subject, de, en) = Wording(account, purpose);
        var until = expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var login = account.Kind == PrincipalKind.Owner ? account.Login : account.Email ?? account.Login;
        var text =
            $"Hallo {account.Name},\n\n{de}\n\nAnmeldename: {login}\n{link}\n\nDer Link ist gültig bis {until}.\n\n" +
            $"-----\n\nHello {account.Name},\n\n{en}\n\nLogin: {login}\n{link}\n\nThe link is valid until {until}.\n";
        string H(string s) => WebUtility.HtmlEncode(s);
        var href = H(link.ToString());
        var html =
            $"<!DOCTYPE html><html><body style=\"font-family:sans-serif\">" +
            $"<p lang=\"de\">Hallo {H(account.Name)},</p><p lang=\"de\">{H(de)}</p>" +
            $"<p lang=\"de\">Anmeldename: <b>{H(login)}</b></p><p><a href=\"{href}\">Passwort vergeben</a></p>" +
            $"<p lang=\"de\">Der Link ist gültig bis {H(until)}.</p><hr>" +
            $"<p lang=\"en\">Hello {H(account.Name)},</p><p lang=\"en\">{H(en)}</p>" +
            $"<p lang=\"en\">Login: <b>{H(login)}</b></p><p><a href=\"{href}\">Set your password</a></p>" +
            $"<p lang=\"en\">The link is valid until {H(until)}.</p></body></html>";
        return new OutgoingMail(account.Email ?? account.Login, account.Name, subject, text, html);
    }

    /// <summary>Subject and the German and English paragraph for the purpose; a desk's welcome names its extension and features.</summary>
    private static (string Subject, string De, string En) Wording(Account account, LinkPurpose purpose)
    {
        var (subject, de, en) = purpose switch
        {
            LinkPurpose.PasswordReset => (
                "Passwort zurücksetzen / Reset your password",
                "jemand hat das Zurücksetzen Ihres Passworts für das Kundenportal angefordert. Falls Sie das waren, vergeben Sie über den folgenden Link ein neues Passwort. Andernfalls können Sie diese Nachricht ignorieren.",
                "someone asked to reset your customer portal password. If that was you, set a new password with the link below. Otherwise you can ignore this message."),
            LinkPurpose.DeskWelcome => (
                "Ihr OfficeDesk-Zugang / Your OfficeDesk access",
                "für Sie wurde ein OfficeDesk-Zugang zum Kundenportal eingerichtet. Vergeben Sie über den folgenden Link Ihr Passwort.",
                "an OfficeDesk access to the customer portal was set up for you. Set your password with the link below."),
            _ => (
                "Ihr Zugang zum Kundenportal / Your customer portal access",
                "für Sie wurde ein Zugang zum Kundenportal angelegt. Aktivieren Sie ihn, indem Sie über den folgenden Link Ihr Passwort vergeben.",
                "an account for the customer portal was created for you. Activate it by setting your password with the link below."),
        };
        if (purpose != LinkPurpose.DeskWelcome)
        {
            return (subject, de, en);
        }
        string Features(Func<Catalogs.Label, string> language) => string.Join(", ", account.Grants.Order(StringComparer.Ordinal)
            .Select(g => Catalogs.Catalog.DeskFeatures.FirstOrDefault(f => f.Id == g) is { } f ? language(f.Label) : g));
        return (subject,
            de + $" Eingerichtet von: {account.CreatedByName ?? "Ihre Telefonanlage"}. Nebenstelle: {account.Extension}. Freigeschaltet: {Features(l => l.De)}.",
            en + $" Set up by: {account.CreatedByName ?? "your phone system"}. Extension: {account.Extension}. Enabled: {Features(l => l.En)}.");
    }
}
