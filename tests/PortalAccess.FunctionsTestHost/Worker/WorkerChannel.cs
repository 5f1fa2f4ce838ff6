using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using PortalAccess.FunctionsTestHost.Rpc;

namespace PortalAccess.FunctionsTestHost.Worker;

/// <summary>
/// The host's end of the worker's one bidirectional gRPC stream. Requests wait for their answer by a reply key
/// ("init", "metadata", "load:{functionId}", "invoke:{invocationId}"); RpcLog messages become log lines.
/// </summary>
internal sealed class WorkerChannel(LogSink log)
{
    private readonly Channel<StreamingMessage> outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> pending = new();
    private readonly TaskCompletionSource connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? failure;

    /// <summary>Completes when the worker has opened its stream (StartStream).</summary>
    public Task Connected => connected.Task;

    /// <summary>Why the worker cannot be reached any more; null while it can.</summary>
    public string? Failure => Volatile.Read(ref failure);

    public async Task<StreamingMessage> RequestAsync(StreamingMessage message, string replyKey, CancellationToken ct)
    {
        var reply = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!pending.TryAdd(replyKey, reply))
        {
            throw new InvalidOperationException($"A request waiting for '{replyKey}' is already pending.");
        }
        try
        {
            if (Failure is { } reason)
            {
                throw new WorkerUnavailableException(reason);
            }
            message.RequestId = Guid.NewGuid().ToString();
            await outbound.Writer.WriteAsync(message, ct);
            return await reply.Task.WaitAsync(ct);
        }
        catch (ChannelClosedException)
        {
            throw new WorkerUnavailableException(Failure ?? "the worker's stream is closed");
        }
        finally
        {
            pending.TryRemove(replyKey, out _);
        }
    }

    public async Task ServeAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken ct)
    {
        if (!await requests.MoveNext(ct) || requests.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.InvalidArgument, "The first message must be StartStream."));
        }
        if (!connected.TrySetResult())
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.AlreadyExists, "This test host serves one worker."));
        }
        var writer = WriteAllAsync(responses, ct);
        try
        {
            while (await requests.MoveNext(ct))
            {
                Receive(requests.Current);
            }
        }
        finally
        {
            Fail("the worker closed its gRPC stream");
            await writer;
        }
    }

    /// <summary>Fails all waiting and future requests; the first reason is kept unless a later one is <paramref name="definitive"/> (the process's exit).</summary>
    public void Fail(string reason, bool definitive = false)
    {
        if (definitive)
        {
            Volatile.Write(ref failure, reason);
        }
        else
        {
            Interlocked.CompareExchange(ref failure, reason, null);
        }
        outbound.Writer.TryComplete();
        foreach (var reply in pending.Values)
        {
            reply.TrySetException(new WorkerUnavailableException(Failure!));
        }
    }

    private async Task WriteAllAsync(IServerStreamWriter<StreamingMessage> responses, CancellationToken ct)
    {
        try
        {
            await foreach (var message in outbound.Reader.ReadAllAsync(ct))
            {
                await responses.WriteAsync(message, ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
        {
            Fail("the gRPC stream to the worker broke: " + e.Message);
        }
    }

    private void Receive(StreamingMessage message)
    {
        var replyKey = message.ContentCase switch
        {
            StreamingMessage.ContentOneofCase.WorkerInitResponse => "init",
            StreamingMessage.ContentOneofCase.FunctionMetadataResponse => "metadata",
            StreamingMessage.ContentOneofCase.FunctionLoadResponse => "load:" + message.FunctionLoadResponse.FunctionId,
            StreamingMessage.ContentOneofCase.InvocationResponse => "invoke:" + message.InvocationResponse.InvocationId,
            _ => null,
        };
        if (replyKey is not null && pending.TryGetValue(replyKey, out var reply))
        {
            reply.TrySetResult(message);
        }
        else if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog && message.RpcLog.LogCategory != RpcLog.Types.RpcLogCategory.CustomMetric)
        {
            var rpcLog = message.RpcLog;
            // the worker's exception message carries the stack trace; its first line is enough here
            var exception = rpcLog.Exception is { } e ? $" ({e.Message.Split('\n', 2)[0].TrimEnd()})" : "";
            log.Write($"[worker] {rpcLog.Level} {rpcLog.Category}: {rpcLog.Message}{exception}");
        }
        // anything else (WorkerStatusResponse, messages this host does not know) needs no answer
    }
}

internal sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
        => channel.ServeAsync(requestStream, responseStream, context.CancellationToken);
}

/// <summary>The worker process has died or its stream is gone.</summary>
internal sealed class WorkerUnavailableException(string reason) : Exception($"The Functions worker is not available: {reason}.");
