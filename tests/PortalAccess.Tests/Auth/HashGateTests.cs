using PortalAccess.Auth;
using PortalAccess.Auth.Passwords;

namespace PortalAccess.Tests.Auth;

public class HashGateTests
{
    [Fact]
    public async Task Rule5_NoMoreHashesRunAtOnceThanTheGateAllows()
    {
        using var gate = new HashGate(new HashingOptions { MaxConcurrent = 2, MaxQueuedWork = TimeSpan.FromHours(1) });
        var running = 0;
        var most = 0;
        await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() => gate.RunAsync(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(2);
            return Interlocked.Decrement(ref running);
        }, HashQueueing.RefuseWhenBusy, CancellationToken.None))));
        Assert.InRange(most, 1, 2);
        Assert.Equal(0, gate.Queued);
    }

    [Fact]
    public async Task Rule5_ALongQueue_RefusesNewcomersWithARetryAfter_ButSystemWorkWaits()
    {
        using var gate = new HashGate(new HashingOptions { MaxConcurrent = 1, MaxQueuedWork = TimeSpan.FromMilliseconds(100) });
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = HoldTheSlotAsync(gate, entered, release);

        // queue callers until the estimated drain time passes the bound: the next one is refused at once
        var queued = new List<Task<bool>>();
        HashingBusyException? refused = null;
        for (var i = 0; i < 1000 && refused is null; i++)
        {
            var next = gate.RunAsync(() => true, HashQueueing.RefuseWhenBusy, CancellationToken.None);
            if (next.IsFaulted)
            {
                refused = Assert.IsType<HashingBusyException>(next.Exception!.InnerException);
            }
            else
            {
                queued.Add(next);
            }
        }
        Assert.NotNull(refused);
        Assert.True(refused.RetryAfter >= TimeSpan.FromSeconds(1));
        Assert.NotEmpty(queued);

        var system = gate.RunAsync(() => true, HashQueueing.Wait, CancellationToken.None);
        Assert.False(system.IsCompleted);

        release.Set();
        await holder;
        Assert.All(await Task.WhenAll(queued), Assert.True);
        Assert.True(await system);
        Assert.Equal(0, gate.Queued);
    }

    [Fact]
    public async Task Rule5_AQueuedCallerThatGivesUp_LeavesTheQueue()
    {
        using var gate = new HashGate(new HashingOptions { MaxConcurrent = 1 });
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = HoldTheSlotAsync(gate, entered, release);
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var waiting = gate.RunAsync(() => ran = true, HashQueueing.RefuseWhenBusy, cancel.Token);
        Assert.Equal(1, gate.Queued);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, gate.Queued);
        release.Set();
        await holder;
        Assert.False(ran);
        Assert.True(await gate.RunAsync(() => true, HashQueueing.RefuseWhenBusy, CancellationToken.None));
    }

    /// <summary>Takes a slot and keeps it until <paramref name="release"/> is set; returns once the slot is taken.</summary>
    private static Task<bool> HoldTheSlotAsync(HashGate gate, ManualResetEventSlim entered, ManualResetEventSlim release)
    {
        var holder = Task.Run(() => gate.RunAsync(() =>
        {
            entered.Set();
            return release.Wait(TimeSpan.FromSeconds(30));
        }, HashQueueing.RefuseWhenBusy, CancellationToken.None));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));
        return holder;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
