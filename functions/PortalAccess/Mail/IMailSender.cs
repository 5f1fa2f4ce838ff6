namespace PortalAccess.Mail;

public interface IMailSender
{
    /// <param name="idempotencyKey">The same key for a redelivered message, so a sender that supports it sends once.</param>
    Task SendAsync(OutgoingMail mail, string idempotencyKey, CancellationToken ct);
}
