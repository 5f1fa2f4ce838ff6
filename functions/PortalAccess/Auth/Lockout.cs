using PortalAccess.Storage;

namespace PortalAccess.Auth;

/// <summary>
/// DESIGN.md rule 6: after 5 consecutive failures a login is locked for 1 minute, doubling with every
/// further failure up to 15 minutes. An attempt is recorded (with the row's ETag) before its password
/// is checked, so parallel attempts cannot slip past the count; a success takes it back.
/// </summary>
public static class Lockout
{
    public const int FreeAttempts = 5;
    public static readonly TimeSpan FirstLock = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxLock = TimeSpan.FromMinutes(15);

    /// <summary>How long the account is locked after <paramref name="failures"/> consecutive failures.</summary>
    public static TimeSpan DurationAfter(int failures)
    {
        if (failures < FreeAttempts)
        {
            return TimeSpan.Zero;
        }
        var doublings = Math.Min(failures - FreeAttempts, 4); // 1, 2, 4, 8, then the 15-minute cap
        var duration = FirstLock * (1 << doublings);
        return duration > MaxLock ? MaxLock : duration;
    }

    /// <summary>The account as it is stored while one more attempt is being checked: counted as failed until it succeeds.</summary>
    public static Account WithAttempt(Account account, DateTimeOffset now)
    {
        var failures = account.FailedLogins + 1;
        var lockFor = DurationAfter(failures);
        return account with { FailedLogins = failures, LockedUntil = lockFor > TimeSpan.Zero ? now + lockFor : account.LockedUntil };
    }

    public static Account Cleared(Account account) => account with { FailedLogins = 0, LockedUntil = null };
}
