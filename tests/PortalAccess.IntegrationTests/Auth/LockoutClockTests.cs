using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace PortalAccess.IntegrationTests.Auth;

/// <summary>DESIGN.md rules 4 and 6 where time must pass: lock durations and link expiry, on the Standalone host with a fake clock.</summary>
public class LockoutClockTests : ApiTest
{
    private readonly FakeTimeProvider clock;

    public LockoutClockTests(TestServices services) : this(services, new FakeTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private LockoutClockTests(TestServices services, FakeTimeProvider clock) : base(services, clock: clock) => this.clock = clock;

    [Fact]
    public async Task ResetMails_ComeAtMostOncePerInterval_PerLogin_WhileEveryRequestAnswers202()
    {
        var user = await Client.NewUserAsync(await Client.NewOwnerAsync());
        async Task<int> ResetMailsAfterRequestAsync()
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset", new { login = user.Login })).StatusCode);
            await Task.Delay(700);
            return await MailCountAsync(user.Login) - 1; // the activation mail
        }

        Assert.Equal(1, await ResetMailsAfterRequestAsync());
        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(1, await ResetMailsAfterRequestAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await ResetMailsAfterRequestAsync());
    }

    [Fact]
    public async Task Rule6_FiveWrongPasswords_LockTheLogin_EvenForTheRightPassword_UntilTheMinuteHasPassed()
    {
        var owner = await Client.NewOwnerAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(owner.Login, "wrong password " + i)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(owner.Login, owner.Password)).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(owner.Login, owner.Password)).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(owner.Login, owner.Password)).StatusCode);

        // success reset the counter: four failures do not lock
        for (var i = 0; i < 4; i++)
        {
            await LoginAsync(owner.Login, "wrong again " + i);
        }
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(owner.Login, owner.Password)).StatusCode);
    }


    [Fact]
    public async Task Rule6_EachFurtherFailureDoublesTheLock()
    {
        var owner = await Client.NewOwnerAsync();
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(owner.Login, "wrong password " + i);
        }
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(owner.Login, "sixth wrong one")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(owner.Login, owner.Password)).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(owner.Login, owner.Password)).StatusCode);
    }


    /// <summary>The hour to the tick: the link is usable until its last tick and gone at the hour.</summary>
    [Fact]
    public async Task Rule4_ResetLink_ExpiresAfterAnHour()
    {
        var owner = await Client.NewOwnerAsync();
        await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset", new { login = owner.Login });
        var ownerEmail = (await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/audit", token: owner.AccessToken)))
            .GetProperty("items").EnumerateArray().First(e => e.GetProperty("action").GetString() == "customer.provisioned")
            .GetProperty("changes").GetProperty("email").GetProperty("after").GetString()!;
        var token = System.Text.RegularExpressions.Regex.Match(await MailTextAsync(ownerEmail, nth: 2), "#token=([A-Za-z0-9_-]+)").Groups[1].Value;
        clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        var lastTick = await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset/check", new { token });
        Assert.Equal(HttpStatusCode.OK, lastTick.StatusCode);
        Assert.Equal("password-reset", (await PortalClient.JsonAsync(lastTick)).GetProperty("purpose").GetString());
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(HttpStatusCode.Gone, (await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset/check", new { token })).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset/confirm",
            new { token, password = "a new long password" })).StatusCode);
    }


    private Task<HttpResponseMessage> LoginAsync(string login, string password) => Client.TryLoginAsync(login, password);
}
