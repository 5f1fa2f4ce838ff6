using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace PortalAccess.Storage;

/// <summary>
/// How the app meets a storage account that stops answering: clients that give up within seconds instead of the
/// SDK's default of 100 s per attempt, and one rule for telling such a failure from a bug.
/// </summary>
public static class StorageOutage
{
    /// <summary>What a caller is told to wait before retrying while storage does not answer.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static TableClientOptions TableOptions() => Tuned(new TableClientOptions());

    public static QueueClientOptions QueueOptions() => Tuned(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    // a storage call takes milliseconds; 2 quick retries ride out a blip, and a refused connection fails in under
    // a second, a hung one in about 3 × 5 s, instead of 4 × 100 s with the SDK defaults
    private static T Tuned<T>(T options) where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        return options;
    }

    /// <summary>
    /// Whether <paramref name="exception"/> says that storage is unreachable or failing (no answer, a timeout, 5xx), or
    /// refuses the app's own identity (401/403: roles still propagating after a deployment, or removed), rather than
    /// refusing this request: nothing the caller can fix, and the same request may succeed later. The signing-key vault
    /// fails the same way.
    /// </summary>
    public static bool IsCause(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or 401 or 403 or 408 or >= 500 } => true,
        RequestFailedException => false,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsCause),
        // the SDK's network timeout surfaces as a cancellation nobody asked for
        HttpRequestException or SocketException or TimeoutException or TaskCanceledException => true,
        _ => false,
    };
}
