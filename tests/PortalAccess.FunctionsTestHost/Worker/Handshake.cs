using PortalAccess.FunctionsTestHost.Rpc;

namespace PortalAccess.FunctionsTestHost.Worker;

/// <summary>The start-up steps: each one ends in time, or fails with the reason and the last log lines, never hangs.</summary>
internal sealed class Handshake(WorkerChannel channel, WorkerProcess worker, LogSink log, TimeSpan startTimeout, CancellationToken timeout, CancellationToken callerToken)
{
    public Task Connected => channel.Connected;

    public async Task<T> Step<T>(Task<T> task, string what)
    {
        try
        {
            if (await Task.WhenAny(task, worker.Exited).WaitAsync(timeout) != task)
            {
                throw Failed($"the worker process exited with code {await worker.Exited} before it could {what}");
            }
            return await task;
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            throw Failed($"the worker did not {what} within {startTimeout}");
        }
        catch (WorkerUnavailableException e)
        {
            throw Failed(e.Message);
        }
    }

    public Task<StreamingMessage> Ask(StreamingMessage message, string replyKey, string what) => Step(channel.RequestAsync(message, replyKey, timeout), what);

    public void EnsureSuccess(StatusResult? result, string what)
    {
        if (result?.Status != StatusResult.Types.Status.Success)
        {
            throw Failed($"{what} failed: {result?.Exception?.Message ?? result?.Result}");
        }
    }

    public InvalidOperationException Failed(string reason) =>
        new($"The Functions worker did not start: {reason}.{Environment.NewLine}Last log lines:{Environment.NewLine}{log.LastLines()}");
}
