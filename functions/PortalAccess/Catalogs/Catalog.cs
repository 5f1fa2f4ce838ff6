namespace PortalAccess.Catalogs;

/// <summary>The portal areas users can be granted and the features OfficeDesks can be granted.</summary>
public static class Catalog
{
    public const string UserManagement = "user-management";
    public const string CloudPbx = "cloud-pbx";

    /// <summary>Desk feature ids that rules name (SIP desks' fixed set, WebRTC desks' default).</summary>
    public static class Features
    {
        public const string CallForwarding = "call-forwarding";
        public const string Voicemail = "voicemail";
        public const string CallerId = "caller-id";
        public const string Fax = "fax";
        public const string Sms = "sms";
        public const string CallList = "call-list";
        public const string Contacts = "contacts";
    }

    public static IReadOnlyList<CatalogEntry> Areas { get; } =
    [
        new("my-product", new("Mein Produkt", "My product")),
        new("personal-data", new("Persönliche Daten", "Personal data")),
        new("invoices", new("Rechnungen und EVN", "Invoices and itemised bills")),
        new("access-data", new("Zugangsdaten", "Access data")),
        new("tariff-change", new("Tarifwechsel", "Tariff change")),
        new("notifications", new("Benachrichtigungen", "Notifications")),
        new(UserManagement, new("Benutzerverwaltung", "User management")),
        new("phone-numbers", new("Rufnummern verwalten", "Manage phone numbers")),
        new(CloudPbx, new("Cloud Telefonanlage", "Cloud PBX")),
        new("contacts", new("Kontakte", "Contacts")),
        new("teams-connector", new("Teams Connector", "Teams Connector")),
        new("fax", new("Fax versenden", "Send fax")),
        new("sms", new("SMS versenden", "Send SMS")),
        new("call-list", new("Anrufliste", "Call list")),
        new("shop", new("Shop", "Shop")),
    ];

    public static IReadOnlyList<CatalogEntry> DeskFeatures { get; } =
    [
        new(Features.CallForwarding, new("Rufweiterleitung", "Call forwarding")),
        new(Features.Voicemail, new("Anrufbeantworter", "Voicemail")),
        new(Features.CallerId, new("Rufnummernanzeige", "Caller ID display")),
        new(Features.Fax, new("Fax versenden", "Send fax")),
        new(Features.Sms, new("SMS versenden", "Send SMS")),
        new(Features.CallList, new("Anrufliste", "Call list")),
        new(Features.Contacts, new("Kontakte", "Contacts")),
    ];

    public static IReadOnlySet<string> AreaIds { get; } = Areas.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> DeskFeatureIds { get; } = DeskFeatures.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
}
