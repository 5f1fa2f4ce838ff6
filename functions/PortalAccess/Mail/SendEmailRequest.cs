namespace PortalAccess.Mail;

internal sealed record SendEmailRequest(string SenderAddress, EmailContent Content, EmailRecipients Recipients);
