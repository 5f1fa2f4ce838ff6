using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using PortalAccess.Mail;
using PortalAccess.Storage;

namespace PortalAccess.Functions;

/// <summary>
/// Drains <c>mail-outbox</c>. The host delivers at least once; a thrown exception makes it retry the message
/// and, after <c>maxDequeueCount</c> deliveries (host.json), move it to <c>mail-outbox-poison</c>. The last failed
/// delivery is reported (log and audit trail) here, since the host moves the message without telling the worker.
/// </summary>
public sealed class MailOutboxFunction(MailHandler handler, IConfiguration configuration)
{
    /// <summary>host.json's <c>extensions.queues.maxDequeueCount</c>; an app setting overriding it reaches the worker too.</summary>
    public const int DefaultMaxDequeueCount = 5;

    private const string MaxDequeueCountSetting = "AzureFunctionsJobHost:extensions:queues:maxDequeueCount";

    [Function("MailOutbox")]
    public Task Run([QueueTrigger(StorageNames.MailOutboxQueue, Connection = "AzureWebJobsStorage")] string message,
        FunctionContext context, CancellationToken ct)
    {
        var data = context.BindingContext.BindingData;
        var messageId = data.TryGetValue("Id", out var id) ? Convert.ToString(id, CultureInfo.InvariantCulture) ?? "" : "";
        var dequeueCount = data.TryGetValue("DequeueCount", out var count)
            && long.TryParse(Convert.ToString(count, CultureInfo.InvariantCulture), out var parsed)
            ? parsed
            : 1;
        return HandleAsync(message, messageId, dequeueCount, ct);
    }

    public async Task HandleAsync(string message, string messageId, long dequeueCount, CancellationToken ct)
    {
        var request = MailOutbox.Deserialize(message);
        try
        {
            // a malformed message throws so that it ends in the poison queue, where someone can look at it
            await handler.HandleAsync(request ?? throw new FormatException("The message is not a mail request."), ct);
        }
        catch (Exception e) when (dequeueCount >= MaxDequeueCount && !ct.IsCancellationRequested)
        {
            await handler.GiveUpAsync(request, messageId, dequeueCount, e, ct);
            throw;
        }
    }

    private int MaxDequeueCount => configuration.GetValue(MaxDequeueCountSetting, DefaultMaxDequeueCount);
}
