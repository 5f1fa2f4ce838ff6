using Azure;
using PortalAccess.Principals;

namespace PortalAccess.Storage;

/// <summary>
/// One row of the <c>Accounts</c> table. The principal row has RowKey <c>{group}|{id}</c>; each grant
/// is a row <c>{group}|{id}|g|{grant}</c> with no columns, so one range query returns both.
/// </summary>
internal sealed class AccountEntity : TableRow
{
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Login { get; set; }
    public string? Email { get; set; }
    public string? Status { get; set; }
    public string? PasswordHash { get; set; }
    public string? SecurityStamp { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? CreatedByName { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }
    public string? MailId { get; set; }
    public string? MailPurpose { get; set; }
    public DateTimeOffset? MailExpiresAt { get; set; }
    public int FailedLogins { get; set; }
    public string? Extension { get; set; }
    public string? Number { get; set; }
    public string? Source { get; set; }
    public string? SourceId { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }

    internal const string GrantMarker = "|g|";

    public static string Group(PrincipalGroup group) => group switch
    {
        PrincipalGroup.Owner => "owner",
        PrincipalGroup.User => "user",
        _ => "desk",
    };

    public static string PrincipalKey(PrincipalGroup group, string id) => $"{Group(group)}|{id}";

    /// <summary>The row keys of a group's principals and their grants: from <c>group|</c> up to <c>group}</c> ('}' follows '|').</summary>
    public static (string From, string To) GroupRange(PrincipalGroup group) => ($"{Group(group)}|", $"{Group(group)}}}");

    public static string PrincipalKey(PrincipalKind kind, string id) => PrincipalKey(kind.GroupOf(), id);

    public static string GrantKey(PrincipalKind kind, string id, string grant) => $"{PrincipalKey(kind, id)}{GrantMarker}{grant}";

    public static AccountEntity FromAccount(Account a) => new()
    {
        PartitionKey = a.CustomerNumber,
        RowKey = PrincipalKey(a.Kind, a.Id),
        ETag = a.ETag is null ? default : new ETag(a.ETag),
        Kind = a.Kind.ToString(),
        Name = a.Name,
        Login = a.Login,
        Email = a.Email,
        Status = a.Status.ToString(),
        PasswordHash = a.PasswordHash,
        SecurityStamp = a.SecurityStamp,
        CreatedAt = a.CreatedAt,
        CreatedBy = a.CreatedBy,
        CreatedByName = a.CreatedByName,
        ActivatedAt = a.ActivatedAt,
        LastLoginAt = a.LastLoginAt,
        MailId = a.Mail?.Id,
        MailPurpose = a.Mail?.Purpose.ToString(),
        MailExpiresAt = a.Mail?.ExpiresAt,
        FailedLogins = a.FailedLogins,
        Extension = a.Extension,
        Number = a.Number,
        Source = a.Source,
        SourceId = a.SourceId,
        LockedUntil = a.LockedUntil,
    };

    public Account ToAccount(IReadOnlySet<string> grants) => new()
    {
        CustomerNumber = PartitionKey,
        Id = RowKey[(RowKey.IndexOf('|', StringComparison.Ordinal) + 1)..],
        Kind = Enum.Parse<PrincipalKind>(Kind!),
        Name = Name ?? "",
        Login = Login ?? "",
        Email = Email,
        Status = Enum.Parse<AccountStatus>(Status!),
        PasswordHash = PasswordHash,
        SecurityStamp = SecurityStamp ?? "",
        CreatedAt = CreatedAt ?? default,
        CreatedBy = CreatedBy ?? "",
        CreatedByName = CreatedByName,
        ActivatedAt = ActivatedAt,
        LastLoginAt = LastLoginAt,
        Mail = MailId is null ? null : new PendingMail(MailId, Enum.Parse<LinkPurpose>(MailPurpose!), MailExpiresAt ?? default),
        FailedLogins = FailedLogins,
        Extension = Extension,
        Number = Number,
        Source = Source,
        SourceId = SourceId,
        LockedUntil = LockedUntil,
        Grants = grants,
        ETag = ETag.ToString(),
    };
}
