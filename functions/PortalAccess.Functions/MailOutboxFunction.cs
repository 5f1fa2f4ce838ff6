using Microsoft.Azure.Functions.Worker;
using PortalAccess.Mail;
using PortalAccess.Storage;

namespace PortalAccess.Functions;

/// <summary>
/// Drains <c>mail-outbox</c>. The host delivers at least once; a thrown exception makes it retry the message
/// and, after <c>maxDequeueCount</c> deliveries (host.json), move it to <c>mail-outbox-poison</c>.
/// </summary>
public sealed class MailOutboxFunction(MailHandler handler)
{
    [Function("MailOutbox")]
    public Task Run([QueueTrigger(StorageNames.MailOutboxQueue, Connection = "AzureWebJobsStorage")] string message, CancellationToken ct)
    {
        // a malformed message throws so that it ends in the poison queue, where someone can look at it
        var request = MailOutbox.Deserialize(message) ?? throw new FormatException("The message is not a mail request.");
        return handler.HandleAsync(request, ct);
    }
}
