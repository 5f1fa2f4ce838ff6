using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Communication.Email;
using Microsoft.Extensions.Options;
using PortalAccess.Mail;

namespace PortalAccess.Functions;

/// <summary>
/// Sends through Azure Communication Services Email. Errors, a 429 over the sending quota among them, are not
/// caught: the queue message is retried later, and the same operation id lets ACS drop a second send.
/// </summary>
public sealed class AcsMailSender(EmailClient client, IOptions<PortalAccessOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, string idempotencyKey, CancellationToken ct)
    {
        var content = new EmailContent(mail.Subject) { PlainText = mail.Text, Html = mail.Html };
        var message = new EmailMessage(options.Value.Mail.From, new EmailRecipients(to: [new EmailAddress(mail.To, mail.ToName)]), content);
        // Started: the service has accepted the mail; waiting for delivery would hold the queue message for minutes
        await client.SendAsync(WaitUntil.Started, message, OperationIdFor(idempotencyKey), ct);
    }

    /// <summary>The same key always gives the same id, so a redelivered queue message does not send twice.</summary>
    public static Guid OperationIdFor(string idempotencyKey) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 16));
}
