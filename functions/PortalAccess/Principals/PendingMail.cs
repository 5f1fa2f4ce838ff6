namespace PortalAccess.Principals;

/// <summary>
/// The mail that may carry this principal's next link. Its link is usable while the account still names this
/// mail: a resend names another one and activation clears it, so older links die at once.
/// </summary>
public sealed record PendingMail(string Id, LinkPurpose Purpose, DateTimeOffset ExpiresAt);
