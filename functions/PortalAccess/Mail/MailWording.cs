using System.Globalization;
using PortalAccess.Catalogs;
using PortalAccess.Principals;

namespace PortalAccess.Mail;

/// <summary>
/// The sentences of the mails in one language. Both languages fill the same slots, so German and English say the same
/// thing; the composite formats' placeholders are named on each slot.
/// </summary>
public sealed record MailWording
{
    public required string Lang { get; init; }

    /// <summary>{0}: the person's name.</summary>
    public required string Hello { get; init; }

    /// <summary>{0}: the customer's name, {1}: the customer number.</summary>
    public required string Customer { get; init; }

    /// <summary>{0}: the customer number, for a customer without a name.</summary>
    public required string CustomerNumberOnly { get; init; }

    /// <summary>{0}: the person who invited, {1}: the customer.</summary>
    public required string PersonAt { get; init; }

    /// <summary>{0}: the customer whose phone system made the desk.</summary>
    public required string PhoneSystemOf { get; init; }

    /// <summary>{0}: who invited, {1}: the product name.</summary>
    public required string Invitation { get; init; }

    /// <summary>{0}: the customer, {1}: the product name.</summary>
    public required string OwnerInvitation { get; init; }

    /// <summary>{0}: who set the desk up, {1}: the product name.</summary>
    public required string DeskWelcome { get; init; }

    /// <summary>{0}: the customer, {1}: the product name.</summary>
    public required string Reset { get; init; }

    public required string Login { get; init; }
    public required string Extension { get; init; }
    public required string Enabled { get; init; }

    /// <summary>The button of an activation or welcome mail.</summary>
    public required string Action { get; init; }

    /// <summary>The button of a reset mail.</summary>
    public required string ResetAction { get; init; }

    public required string CopyHint { get; init; }

    /// <summary>{0}: when the link expires, in this language's format.</summary>
    public required string Validity { get; init; }

    public required string Ignore { get; init; }

    /// <summary>A catalog label (a desk feature) in this language.</summary>
    public required Func<Label, string> LabelText { get; init; }

    public static readonly MailWording German = new()
    {
        Lang = "de",
        Hello = "Hallo {0},",
        Customer = "{0} (Kundennummer {1})",
        CustomerNumberOnly = "Kundennummer {0}",
        PersonAt = "{0} von {1}",
        PhoneSystemOf = "Die Telefonanlage von {0}",
        Invitation = "{0} hat Sie zu {1} eingeladen. "
            + "Aktivieren Sie Ihren Zugang, indem Sie über den folgenden Link Ihr Passwort vergeben.",
        OwnerInvitation = "für Ihr Kundenkonto {0} wurde ein Zugang zu {1} eingerichtet. "
            + "Aktivieren Sie ihn, indem Sie über den folgenden Link Ihr Passwort vergeben.",
        DeskWelcome = "{0} hat für Sie einen OfficeDesk-Zugang zu {1} eingerichtet. Vergeben Sie über den folgenden Link Ihr Passwort.",
        Reset = "jemand hat das Zurücksetzen des Passworts für Ihren Zugang zu {1} bei {0} angefordert. "
            + "Falls Sie das waren, vergeben Sie über den folgenden Link ein neues Passwort. Andernfalls bleibt Ihr Passwort, wie es ist.",
        Login = "Anmeldename",
        Extension = "Nebenstelle",
        Enabled = "Freigeschaltet",
        Action = "Passwort vergeben",
        ResetAction = "Neues Passwort vergeben",
        CopyHint = "Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:",
        Validity = "Der Link ist gültig bis {0}.",
        Ignore = "Sie haben diese E-Mail nicht erwartet? Dann ignorieren Sie sie einfach.",
        LabelText = label => label.De,
    };

    public static readonly MailWording English = new()
    {
        Lang = "en",
        Hello = "Hello {0},",
        Customer = "{0} (customer number {1})",
        CustomerNumberOnly = "customer number {0}",
        PersonAt = "{0} at {1}",
        PhoneSystemOf = "The phone system of {0}",
        Invitation = "{0} has invited you to {1}. Activate your access by setting your password with the link below.",
        OwnerInvitation = "Your customer account {0} now has access to {1}. Activate it by setting your password with the link below.",
        DeskWelcome = "{0} has set up an OfficeDesk access to {1} for you. Set your password with the link below.",
        Reset = "Someone asked to reset the password of your {1} access at {0}. If that was you, set a new password with the link below. "
            + "Otherwise your password stays as it is.",
        Login = "Login",
        Extension = "Extension",
        Enabled = "Enabled",
        Action = "Set your password",
        ResetAction = "Set a new password",
        CopyHint = "If the button does not work, copy this address into your browser:",
        Validity = "The link is valid until {0}.",
        Ignore = "Did you not expect this email? Then simply ignore it.",
        LabelText = label => label.En,
    };

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
        var customer = origin.CustomerName is { } name
            ? Format(Customer, name, origin.CustomerNumber)
            : Format(CustomerNumberOnly, origin.CustomerNumber);
        var who = origin.ByPhoneSystem ? Format(PhoneSystemOf, customer)
            : origin.InvitedBy is { } person ? Format(PersonAt, person, customer)
            : customer;
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
