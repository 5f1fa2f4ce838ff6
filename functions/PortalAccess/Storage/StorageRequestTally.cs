namespace PortalAccess.Storage;

/// <summary>The storage requests one incoming request has made so far, and how long it waited for their answers.</summary>
public sealed class StorageRequestTally
{
    private int count;
    private long waitedTicks;

    public int Count => Volatile.Read(ref count);

    /// <summary>The time from sending each request to its answer, summed (requests sent in parallel count each).</summary>
    public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref waitedTicks));

    internal void Add() => Interlocked.Increment(ref count);

    internal void AddTime(TimeSpan took) => Interlocked.Add(ref waitedTicks, took.Ticks);
}
