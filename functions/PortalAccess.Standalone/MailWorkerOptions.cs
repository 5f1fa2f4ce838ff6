namespace PortalAccess.Standalone;

/// <summary>The queue semantics of the Functions host (host.json <c>extensions.queues</c>), for the Standalone worker.</summary>
public sealed class MailWorkerOptions
{
    public const string Section = "Standalone:MailWorker";

    /// <summary>After this many failed deliveries a message moves to <c>mail-outbox-poison</c>.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>
    /// How long a failed message stays invisible before it is tried again the first time; doubled for every further
    /// failure (10, 20, 40, 80 s).
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a provider's <c>Retry-After</c> may hold a failed message back (a larger one is cut to this).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a message being handled stays invisible to other workers.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);
    public int BatchSize { get; set; } = 16;
}
