using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PortalAccess.Mail;

/// <summary>Sends over plain SMTP with MailKit: MailDev locally, or any relay.</summary>
public sealed class SmtpMailSender(IOptions<PortalAccessOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, string idempotencyKey, CancellationToken ct)
    {
        var settings = options.Value.Mail;
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            // a stable Message-ID lets receiving systems drop a duplicate of a redelivered queue message
            MessageId = $"{idempotencyKey}@portalaccess",
            Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody(),
        };
        var from = MailboxAddress.Parse(settings.From);
        // a From that brings its own display name keeps it
        if (string.IsNullOrEmpty(from.Name))
        {
            from.Name = settings.FromName;
        }
        message.From.Add(from);
        message.To.Add(new MailboxAddress(mail.ToName, mail.To));
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, SecureSocketOptions.Auto, ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
