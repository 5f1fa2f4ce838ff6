using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PortalAccess.Storage;

/// <summary>
/// Counts the storage HTTP requests (every attempt, retries included) made on behalf of one incoming request.
/// A host opens a <see cref="StorageRequestTally"/> with <see cref="Begin"/> at the start of a request; the count
/// flows with the request's async calls, so work that started outside it (the mail-outbox worker, anything begun
/// at host start) is never counted into it. Without an open tally the policy does nothing.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private static readonly AsyncLocal<StorageRequestTally?> Current = new();

    public static StorageRequestCounter Instance { get; } = new();

    private StorageRequestCounter()
    {
    }

    /// <summary>Starts counting for the calling async flow (an incoming request) and everything it awaits.</summary>
    public static StorageRequestTally Begin()
    {
        var tally = new StorageRequestTally();
        Current.Value = tally;
        return tally;
    }

    private const string StartedProperty = "PortalAccess.StorageRequestStarted";

    public override void OnSendingRequest(HttpMessage message)
    {
        if (Current.Value is { } tally)
        {
            tally.Add();
            message.SetProperty(StartedProperty, Stopwatch.GetTimestamp());
        }
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        if (Current.Value is { } tally && message.TryGetProperty(StartedProperty, out var started) && started is long since)
        {
            tally.AddTime(Stopwatch.GetElapsedTime(since));
        }
    }
}
