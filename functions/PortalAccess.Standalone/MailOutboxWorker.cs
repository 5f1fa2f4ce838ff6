using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using PortalAccess.Mail;
using PortalAccess.Storage;

namespace PortalAccess.Standalone;

/// <summary>
/// Drains <c>mail-outbox</c> the way the Functions queue trigger does: at-least-once, a failed message is retried after
/// <see cref="MailWorkerOptions.RetryDelay"/> (doubled with each failed delivery), and after <see
/// cref="MailWorkerOptions.MaxDequeueCount"/> failed deliveries it moves to <c>mail-outbox-poison</c>. A provider's
/// <c>Retry-After</c> (ACS's 429) holds a failed message back longer than the retry delay.
/// </summary>
public sealed partial class MailOutboxWorker(
    StorageAccount storage, MailHandler handler, IOptions<MailWorkerOptions> options, ILogger<MailOutboxWorker> log) : BackgroundService
{
    private MailWorkerOptions Settings => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = storage.Queue(StorageNames.MailOutboxQueue);
        var poison = storage.Queue(StorageNames.MailOutboxPoisonQueue);
        var idle = Settings.MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await queue.ReceiveMessagesAsync(Settings.BatchSize, Settings.VisibilityTimeout, stoppingToken)).Value;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && (e is RequestFailedException || StorageOutage.IsCause(e)))
            {
                // storage down: keep polling (with the idle back-off) rather than end the worker, and the host with it
                LogReceiveFailed(log, e);
                batch = [];
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (batch.Length == 0)
            {
                try
                {
                    await Task.Delay(idle, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, Settings.MaxPollingInterval.Ticks));
                continue;
            }
            idle = Settings.MinPollingInterval;
            await Task.WhenAll(batch.Select(m => ProcessAsync(queue, poison, m, stoppingToken)));
        }
    }

    internal async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken ct)
    {
        var request = MailOutbox.Deserialize(message.Body.ToString());
        try
        {
            await handler.HandleAsync(request ?? throw new FormatException("The message is not a mail request."), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await RetryOrPoisonAsync(queue, poison, message, request, e, ct);
            return;
        }
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && (e is RequestFailedException || StorageOutage.IsCause(e)))
        {
            // handled: the message comes back after its visibility timeout, and the handler knows it as done
            LogNotDeleted(log, e, message.MessageId);
        }
    }

    private async Task RetryOrPoisonAsync(
        QueueClient queue, QueueClient poison, QueueMessage message, MailRequest? request, Exception e, CancellationToken ct)
    {
        LogFailed(log, e, message.MessageId, message.DequeueCount);
        try
        {
            if (message.DequeueCount >= Settings.MaxDequeueCount)
            {
                await poison.SendMessageAsync(message.Body, cancellationToken: ct);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                LogPoisoned(log, message.MessageId);
                await handler.GiveUpAsync(request, message.MessageId, message.DequeueCount, e, ct);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt,
                    visibilityTimeout: RetryDelayAfter(e, message.DequeueCount), cancellationToken: ct);
            }
        }
        catch (Exception again) when (again is RequestFailedException || StorageOutage.IsCause(again))
        {
            // the message becomes visible again when its visibility timeout ends: still at-least-once
            LogFailed(log, again, message.MessageId, message.DequeueCount);
        }
    }

    /// <summary>
    /// The worker's own back-off (<see cref="MailWorkerOptions.RetryDelay"/>, doubled with every failed delivery), or the
    /// provider's <c>Retry-After</c> when that is longer (up to <see cref="MailWorkerOptions.MaxRetryAfter"/>).
    /// </summary>
    private TimeSpan RetryDelayAfter(Exception failure, long dequeueCount)
    {
        var backOff = TimeSpan.FromTicks(Settings.RetryDelay.Ticks << (int)Math.Clamp(dequeueCount - 1, 0, 10));
        return failure is MailDeliveryException { RetryAfter: { } retryAfter } && retryAfter > backOff
            ? TimeSpan.FromTicks(Math.Min(retryAfter.Ticks, Math.Max(Settings.MaxRetryAfter.Ticks, backOff.Ticks)))
            : backOff;
    }

    [LoggerMessage(LogLevel.Warning, "Could not read the mail outbox")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Mail message {MessageId} failed on delivery {DequeueCount}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string messageId, long dequeueCount);

    [LoggerMessage(LogLevel.Warning, "Mail message {MessageId} was handled but could not be deleted; its redelivery sends nothing")]
    private static partial void LogNotDeleted(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(LogLevel.Error, "Mail message {MessageId} moved to the poison queue")]
    private static partial void LogPoisoned(ILogger logger, string messageId);
}
