using PortalAccess.Principals;

namespace PortalAccess.Mail;

/// <summary>
/// A queued request to send one mail. It names whom and what, never a secret: the mail handler creates the
/// link token itself when it sends.
/// </summary>
public sealed record MailRequest(string Id, LinkPurpose Purpose, string CustomerNumber, PrincipalKind Kind, string PrincipalId);
