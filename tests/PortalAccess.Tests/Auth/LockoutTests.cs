using PortalAccess.Auth;
using PortalAccess.Auth.SignIn;
using PortalAccess.Principals;

namespace PortalAccess.Tests.Auth;

public class LockoutTests
{
    [Theory]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(7, 4)]
    [InlineData(8, 8)]
    [InlineData(9, 15)]
    [InlineData(40, 15)]
    public void Rule6_LockStartsAtFiveFailures_DoublesAndStopsAt15Minutes(int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Lockout.DurationAfter(failures));

    [Fact]
    public void Rule6_TheFifthFailureLocks_AndClearingForgetsIt()
    {
        var now = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var account = new Account { CustomerNumber = "C1", Id = Account.NewId(), Kind = PrincipalKind.User, Name = "n", Login = "l", SecurityStamp = "s", CreatedBy = "x", FailedLogins = 3 };
        var fourth = Lockout.WithFailure(account, now);
        Assert.Equal(4, fourth.FailedLogins);
        Assert.False(fourth.IsLockedAt(now));
        var fifth = Lockout.WithFailure(fourth, now);
        Assert.Equal(5, fifth.FailedLogins);
        Assert.True(fifth.IsLockedAt(now.AddSeconds(59)));
        Assert.False(fifth.IsLockedAt(now.AddSeconds(60)));
        Assert.False(Lockout.Cleared(fifth).IsLockedAt(now));
        Assert.Equal(0, Lockout.Cleared(fifth).FailedLogins);
    }

    [Fact]
    public void Rule6_AFailureAfterAnExpiredLock_LocksForTwiceAsLong()
    {
        var now = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var account = new Account { CustomerNumber = "C1", Id = Account.NewId(), Kind = PrincipalKind.User, Name = "n", Login = "l", SecurityStamp = "s", CreatedBy = "x", FailedLogins = 5, LockedUntil = now.AddSeconds(-1) };
        var sixth = Lockout.WithFailure(account, now);
        Assert.Equal(now + TimeSpan.FromMinutes(2), sixth.LockedUntil);
    }

    /// <summary>Below the threshold a failure counts but sets no lock time, not even one that has already passed.</summary>
    [Fact]
    public void Rule6_FailuresBelowTheThreshold_SetNoLockTime()
    {
        var now = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var account = new Account { CustomerNumber = "C1", Id = Account.NewId(), Kind = PrincipalKind.User, Name = "n", Login = "l", SecurityStamp = "s", CreatedBy = "x" };
        for (var failures = 1; failures < Lockout.FreeAttempts; failures++)
        {
            account = Lockout.WithFailure(account, now);
            Assert.Equal(failures, account.FailedLogins);
            Assert.Null(account.LockedUntil);
        }
    }
}
