namespace PortalAccess.Mail;

internal sealed record EmailRecipients(IReadOnlyList<EmailAddress> To);
