using System.Net;
using Microsoft.Extensions.Time.Testing;
using PortalAccess.Auth;
using PortalAccess.Auth.Tokens;

namespace PortalAccess.IntegrationTests.Auth;

/// <summary>Refresh tokens attacked from outside: forged secrets for a known session, and the end of a session's life to the tick.</summary>
public class SessionAttackTests : ApiTest
{
    private readonly FakeTimeProvider clock;

    public SessionAttackTests(TestServices services) : this(services, new FakeTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private SessionAttackTests(TestServices services, FakeTimeProvider clock) : base(services, clock: clock) => this.clock = clock;

    private async Task<HttpStatusCode> RefreshAsync(string token) =>
        (await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = token })).StatusCode;

    /// <summary>
    /// The session id is no secret (every access token of the session carries it as <c>sid</c>). Knowing it, with a made-up
    /// secret of the right shape, ends nothing: neither logout nor a refresh can end another person's session.
    /// </summary>
    [Fact]
    public async Task ASessionId_WithAForgedSecret_CannotLogTheSessionOut()
    {
        var victim = await Client.NewOwnerAsync();
        var parts = victim.RefreshToken.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{Secrets.NewToken()}";

        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(HttpMethod.Post, "/api/auth/logout", new { refreshToken = forged })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await RefreshAsync(victim.RefreshToken));
    }

    /// <summary>A refresh session lives its 14 days to the tick, and a refresh does not stretch it.</summary>
    [Fact]
    public async Task ARefreshSession_EndsAtItsExpiry_ToTheTick_AndRefreshingDoesNotExtendIt()
    {
        var started = clock.GetUtcNow();
        var owner = await Client.NewOwnerAsync();
        var lifetime = TimeSpan.FromDays(14);

        clock.Advance(lifetime - TimeSpan.FromTicks(1));
        var last = await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = owner.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        var rotated = (await PortalClient.JsonAsync(last)).GetProperty("refreshToken").GetString()!;

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(started + lifetime, clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.Unauthorized, await RefreshAsync(rotated));
    }
}
