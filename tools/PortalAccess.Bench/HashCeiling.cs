using System.Diagnostics;
using PortalAccess.Auth;
using PortalAccess.Auth.Passwords;

namespace PortalAccess.Bench;

/// <summary>How many password verifications per second the library's hasher manages on this machine, with no HTTP around it.</summary>
internal static class HashCeiling
{
    public const string Password = "bench password that is long enough";

    /// <summary>
    /// Verifies per second with <paramref name="threads"/> threads verifying back to back for <paramref name="duration"/>,
    /// through the library's hash gate (it admits one hash per core, so up to that many threads it does not hold them up).
    /// </summary>
    public static double Measure(PasswordHasher hasher, string hash, int threads, TimeSpan duration)
    {
        if (!Verify(hasher, hash))
        {
            throw new InvalidOperationException("The hasher does not verify its own hash.");
        }
        var verified = 0L;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            while (clock.Elapsed < duration)
            {
                Verify(hasher, hash);
                Interlocked.Increment(ref verified);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return verified / clock.Elapsed.TotalSeconds;
    }

    private static bool Verify(PasswordHasher hasher, string hash) =>
        hasher.VerifyAsync(hash, Password, HashQueueing.Wait, CancellationToken.None).GetAwaiter().GetResult();
}
