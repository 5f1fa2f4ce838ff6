using PortalAccess.Auth;
using PortalAccess.Storage;

namespace PortalAccess.Tests;

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
    public void Rule6_AnAttemptCountsBeforeItIsChecked_AndClearingForgetsIt()
    {
        var now = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var account = new Account { CustomerNumber = "C1", Id = Account.NewId(), Kind = PrincipalKind.User, Name = "n", Login = "l", SecurityStamp = "s", CreatedBy = "x", FailedLogins = 4 };
        var attempt = Lockout.WithAttempt(account, now);
        Assert.Equal(5, attempt.FailedLogins);
        Assert.True(attempt.IsLockedAt(now.AddSeconds(59)));
        Assert.False(attempt.IsLockedAt(now.AddSeconds(60)));
        Assert.False(Lockout.Cleared(attempt).IsLockedAt(now));
        Assert.Equal(0, Lockout.Cleared(attempt).FailedLogins);
    }
}
