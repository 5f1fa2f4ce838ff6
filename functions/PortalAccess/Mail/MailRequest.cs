using PortalAccess.Storage;

namespace PortalAccess.Mail;

/// <summary>
/// A queued request to send one mail. It names whom and what, never a secret: the mail handler creates the
/// link token itself when it sends.
/// </summary>
public sealed record MailRequest(string Id, LinkPurpose Purpose, string CustomerNumber, PrincipalKind Kind, string PrincipalId);

/// <summary>A composed mail, ready for a sender.</summary>
public sealed record OutgoingMail(string To, string ToName, string Subject, string Text, string Html);

public interface IMailSender
{
    /// <param name="idempotencyKey">The same key for a redelivered message, so a sender that supports it sends once.</param>
    Task SendAsync(OutgoingMail mail, string idempotencyKey, CancellationToken ct);
}
