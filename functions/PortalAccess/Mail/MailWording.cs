using System.Globalization;
using PortalAccess.Catalogs;
using PortalAccess.Principals;

namespace PortalAccess.Mail;

/// <summary>
/// The sentences of the mails in one language. One set of composite formats per language fills the same slots, so
/// German and English say the same thing: {0} is who (the customer or the person there), {1} the product name.
/// </summary>
public sealed record MailWording(
    string Lang, string Hello, string Customer, string CustomerNumberOnly, string PersonAt, string PhoneSystemOf,
    string Invitation, string OwnerInvitation, string DeskWelcome, string Reset,
    string Login, string Extension, string Enabled, string Action, string ResetAction, string CopyHint, string Validity, string Ignore,
    Func<Label, string> LabelText)
{
    public static readonly MailWording German = new(
        "de", "Hallo {0},", "{0} (Kundennummer {1})", "Kundennummer {0}", "{0} von {1}", "Die Telefonanlage von {0}",
        "{0} hat Sie zu {1} eingeladen. Aktivieren Sie Ihren Zugang, indem Sie über den folgenden Link Ihr Passwort vergeben.",
        "für Ihr Kundenkonto {0} wurde ein Zugang zu {1} eingerichtet. Aktivieren Sie ihn, indem Sie über den folgenden Link Ihr Passwort vergeben.",
        "{0} hat für Sie einen OfficeDesk-Zugang zu {1} eingerichtet. Vergeben Sie über den folgenden Link Ihr Passwort.",
        "jemand hat das Zurücksetzen des Passworts für Ihren Zugang zu {1} bei {0} angefordert. Falls Sie das waren, vergeben Sie über den folgenden Link ein neues Passwort. Andernfalls bleibt Ihr Passwort, wie es ist.",
        "Anmeldename", "Nebenstelle", "Freigeschaltet", "Passwort vergeben", "Neues Passwort vergeben",
        "Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:", "Der Link ist gültig bis {0}.",
        "Sie haben diese E-Mail nicht erwartet? Dann ignorieren Sie sie einfach.", label => label.De);

    public static readonly MailWording English = new(
        "en", "Hello {0},", "{0} (customer number {1})", "customer number {0}", "{0} at {1}", "The phone system of {0}",
        "{0} has invited you to {1}. Activate your access by setting your password with the link below.",
        "Your customer account {0} now has access to {1}. Activate it by setting your password with the link below.",
        "{0} has set up an OfficeDesk access to {1} for you. Set your password with the link below.",
        "Someone asked to reset the password of your {1} access at {0}. If that was you, set a new password with the link below. Otherwise your password stays as it is.",
        "Login", "Extension", "Enabled", "Set your password", "Set a new password",
        "If the button does not work, copy this address into your browser:", "The link is valid until {0}.",
        "Did you not expect this email? Then simply ignore it.", label => label.En);

    /// <summary>The subject, in German only: one language per subject line reads as one sender, not as a translation tool.</summary>
    public static string Subject(LinkPurpose purpose, string product) => purpose switch
    {
        LinkPurpose.PasswordReset => $"{product}: Passwort zurücksetzen",
        LinkPurpose.DeskWelcome => $"Ihr OfficeDesk-Zugang zu {product}",
        _ => $"Ihr Zugang zu {product}: bitte Passwort vergeben",
    };

    /// <summary>This language's half of the mail to <paramref name="account"/>.</summary>
    public MailPart Part(Account account, MailOrigin origin, LinkPurpose purpose, string product, string login, string validUntil)
    {
        var customer = origin.CustomerName is { } name ? Format(Customer, name, origin.CustomerNumber) : Format(CustomerNumberOnly, origin.CustomerNumber);
        var who = origin.ByPhoneSystem ? Format(PhoneSystemOf, customer) : origin.InvitedBy is { } person ? Format(PersonAt, person, customer) : customer;
        var body = purpose switch
        {
            LinkPurpose.PasswordReset => Format(Reset, customer, product),
            LinkPurpose.DeskWelcome => Format(DeskWelcome, who, product),
            _ when account.Kind == PrincipalKind.Owner => Format(OwnerInvitation, customer, product),
            _ => Format(Invitation, who, product),
        };
        return new MailPart(Lang, Format(Hello, account.Name), body, Facts(account, purpose, login),
            purpose == LinkPurpose.PasswordReset ? ResetAction : Action, CopyHint, Format(Validity, validUntil), Ignore);
    }

    /// <summary>The login, and for a desk's welcome its extension and enabled features.</summary>
    private List<(string Label, string Value)> Facts(Account account, LinkPurpose purpose, string login)
    {
        List<(string, string)> facts = [(Login, login)];
        if (purpose != LinkPurpose.DeskWelcome)
        {
            return facts;
        }
        if (account.Extension is { } extension)
        {
            facts.Add((Extension, extension));
        }
        facts.Add((Enabled, string.Join(", ", account.Grants.Order(StringComparer.Ordinal)
            .Select(g => Catalog.DeskFeatures.FirstOrDefault(f => f.Id == g) is { } f ? LabelText(f.Label) : g))));
        return facts;
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
