using PortalAccess.Principals;

namespace PortalAccess.Storage;

/// <summary>
/// Where a link token (known only by its SHA-256) leads, and which mail carried it. The link is usable only
/// while the account's <see cref="Account.Mail"/> still names that mail.
/// </summary>
public sealed record LinkTarget(string CustomerNumber, PrincipalKind Kind, string PrincipalId, string MailId);
