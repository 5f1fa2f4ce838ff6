using PortalAccess.Principals;

namespace PortalAccess.Auth.SignIn;

/// <summary>
/// DESIGN.md rule 6: after 5 consecutive failures a login is locked for 1 minute, doubling with every
/// further failure up to 15 minutes; success resets the counter. <see cref="PasswordSignIn"/> checks the password
/// first and then records the outcome on the row with its ETag, so parallel failures count one by one.
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

    /// <summary>The account after one more failed sign-in: locked from the fifth consecutive failure on.</summary>
    public static Account WithFailure(Account account, DateTimeOffset now)
    {
        var failures = account.FailedLogins + 1;
        var lockFor = DurationAfter(failures);
        return account with { FailedLogins = failures, LockedUntil = lockFor > TimeSpan.Zero ? now + lockFor : account.LockedUntil };
    }

    public static Account Cleared(Account account) => account with { FailedLogins = 0, LockedUntil = null };
}
