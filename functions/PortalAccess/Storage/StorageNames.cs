namespace PortalAccess.Storage;

/// <summary>The tables and queues PortalAccess uses; infra/ creates the same names up front.</summary>
public static class StorageNames
{
    public const string AccountsTable = "Accounts";
    public const string LoginsTable = "Logins";
    public const string LinkTokensTable = "LinkTokens";
    public const string SessionsTable = "Sessions";
    public const string AuditTable = "Audit";
    public const string ProcessedEventsTable = "ProcessedEvents";
    public const string SigningKeysTable = "SigningKeys";

    public const string MailOutboxQueue = "mail-outbox";
    public const string MailOutboxPoisonQueue = "mail-outbox-poison";

    public static IReadOnlyList<string> Tables { get; } =
        [AccountsTable, LoginsTable, LinkTokensTable, SessionsTable, AuditTable, ProcessedEventsTable, SigningKeysTable];

    public static IReadOnlyList<string> Queues { get; } = [MailOutboxQueue, MailOutboxPoisonQueue];
}
