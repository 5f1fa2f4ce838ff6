using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using PortalAccess.FunctionsTestHost.Rpc;
using PortalAccess.FunctionsTestHost.Worker;

namespace PortalAccess.FunctionsTestHost.Queues;

/// <summary>
/// Polls one queue-trigger function's queue the way the host's queue extension does: a batch is received invisible for
/// 10 minutes and processed concurrently; success deletes, failure makes the message visible again after host.json's
/// visibilityTimeout, and a message on its maxDequeueCount-th failed delivery moves to <c>{queue}-poison</c>.
/// Empty polls back off from the minimum interval, doubling up to maxPollingInterval.
/// </summary>
internal sealed class QueueTriggerListener(IndexedFunction function, QueueClient queue, QueueClient poison, QueueOptions options, WorkerChannel channel, LogSink log, Action<string> invoked)
{
    private static readonly TimeSpan Invisible = TimeSpan.FromMinutes(10);

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await PollAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // the listener's end must be visible in the log, whatever ended it
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.Write($"[host] Function {function.Function.Name} stopped polling queue {queue.Name}: {e}");
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        log.Write($"[host] Function {function.Function.Name} polls queue {queue.Name}");
        await CreateIfNotExistsAsync(queue, ct);
        var delay = options.MinPollingInterval;
        while (!ct.IsCancellationRequested && channel.Failure is null)
        {
            var messages = await ReceiveAsync(ct);
            if (messages.Length > 0)
            {
                await Task.WhenAll(messages.Select(m => ProcessAsync(m, ct)));
                delay = options.MinPollingInterval;
                continue;
            }
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollingInterval.Ticks));
        }
    }

    private async Task<QueueMessage[]> ReceiveAsync(CancellationToken ct)
    {
        try
        {
            return (await queue.ReceiveMessagesAsync(options.BatchSize, Invisible, ct)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // deleted under our feet (a test cleaning up): create it again, quietly
            await CreateIfNotExistsAsync(queue, ct);
            return [];
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException)
        {
            log.Write($"[host] Receiving from queue {queue.Name} failed: {e.Message}");
            return [];
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken ct)
    {
        try
        {
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                // delivered too often already (a crashed earlier run): the host poisons such a message unseen
                await MoveToPoisonAsync(message, ct);
                return;
            }
            var invocationId = Guid.NewGuid().ToString();
            invoked(function.Function.Name);
            StreamingMessage response;
            try
            {
                var request = Invocations.Queue(function, invocationId, message, Decode(message.MessageText));
                response = await channel.RequestAsync(new StreamingMessage { InvocationRequest = request }, "invoke:" + invocationId, ct);
            }
            catch (FormatException e)
            {
                response = new StreamingMessage { InvocationResponse = new InvocationResponse { Result = new StatusResult { Exception = new RpcException { Message = e.Message } } } };
            }
            var result = response.InvocationResponse.Result;
            if (result?.Status == StatusResult.Types.Status.Success)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                return;
            }
            log.Write($"[host] Function {function.Function.Name} failed on delivery {message.DequeueCount} of message {message.MessageId}: {result?.Exception?.Message}");
            if (message.DequeueCount >= options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, ct);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: ct);
            }
        }
        catch (WorkerUnavailableException)
        {
            // the message stays invisible until its 10 minutes are over, as with a host that went down
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException)
        {
            log.Write($"[host] Queue {queue.Name}: settling message {message.MessageId} failed: {e.Message}");
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken ct)
    {
        await CreateIfNotExistsAsync(poison, ct);
        await poison.SendMessageAsync(message.MessageText, ct);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
        log.Write($"[host] Message {message.MessageId} moved to queue {poison.Name} after {message.DequeueCount} deliveries");
    }

    private string Decode(string text) => options.Base64 ? Encoding.UTF8.GetString(Convert.FromBase64String(text)) : text;

    private async Task CreateIfNotExistsAsync(QueueClient client, CancellationToken ct)
    {
        try
        {
            await client.CreateIfNotExistsAsync(cancellationToken: ct);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException)
        {
            log.Write($"[host] Queue {client.Name} could not be created: {e.Message}");
        }
    }
}
