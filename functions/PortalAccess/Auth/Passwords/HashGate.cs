using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace PortalAccess.Auth.Passwords;

/// <summary>
/// Argon2id is CPU-bound: more hashes at once than cores only slows every one of them down (DESIGN.md rule 5). The gate
/// runs at most <see cref="MaxConcurrent"/> at once, queues the rest (cancellably, so a caller that gave up leaves the
/// queue) and refuses a newcomer when the queue ahead of it would take longer than
/// <see cref="HashingOptions.MaxQueuedWork"/> to drain, estimated from the measured hash time.
/// </summary>
public sealed class HashGate : IDisposable
{
    // libsodium verifies m = 7 MiB, t = 5 in ~16 ms on one core of the reference machine; measurements replace this guess
    private static readonly TimeSpan TypicalHashTime = TimeSpan.FromMilliseconds(20);

    private readonly SemaphoreSlim slots;
    private readonly TimeSpan maxQueuedWork;
    private long averageTicks = TypicalHashTime.Ticks;
    private int queued;

    public HashGate(IOptions<PortalAccessOptions> options)
        : this(options.Value.Hashing)
    {
    }

    internal HashGate(HashingOptions options)
    {
        MaxConcurrent = options.MaxConcurrent > 0 ? options.MaxConcurrent : Environment.ProcessorCount;
        maxQueuedWork = options.MaxQueuedWork;
        slots = new SemaphoreSlim(MaxConcurrent, MaxConcurrent);
    }

    /// <summary>How many hashes may run at once.</summary>
    public int MaxConcurrent { get; }

    /// <summary>Callers waiting for a slot right now.</summary>
    public int Queued => Volatile.Read(ref queued);

    /// <summary>Moving average of the measured hash time.</summary>
    public TimeSpan AverageHashTime => TimeSpan.FromTicks(Interlocked.Read(ref averageTicks));

    /// <summary>Runs <paramref name="hash"/> in a free slot, after waiting for one if need be.</summary>
    /// <exception cref="HashingBusyException">The queue is too long and <paramref name="queueing"/> allows a refusal.</exception>
    public async Task<T> RunAsync<T>(Func<T> hash, HashQueueing queueing, CancellationToken ct)
    {
        if (!slots.Wait(0, CancellationToken.None))
        {
            await WaitForSlotAsync(queueing, ct);
        }
        try
        {
            var started = Stopwatch.GetTimestamp();
            var result = hash();
            Record(Stopwatch.GetElapsedTime(started));
            return result;
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();

    private async Task WaitForSlotAsync(HashQueueing queueing, CancellationToken ct)
    {
        var position = Interlocked.Increment(ref queued);
        try
        {
            var drain = TimeSpan.FromTicks(AverageHashTime.Ticks * position / MaxConcurrent);
            if (queueing == HashQueueing.RefuseWhenBusy && drain > maxQueuedWork)
            {
                throw new HashingBusyException(TimeSpan.FromSeconds(Math.Ceiling(Math.Max(drain.TotalSeconds, 1))));
            }
            await slots.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref queued);
        }
    }

    // moving average over about 8 hashes: follows a machine that gets busier without jumping on one outlier;
    // a lost update between two racing hashes only drops one sample
    private void Record(TimeSpan took)
    {
        var average = Interlocked.Read(ref averageTicks);
        Interlocked.Exchange(ref averageTicks, average + (took.Ticks - average) / 8);
    }
}
