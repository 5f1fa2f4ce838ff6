namespace PortalAccess.Mail;

internal sealed record EmailContent(string Subject, string? PlainText, string? Html);
