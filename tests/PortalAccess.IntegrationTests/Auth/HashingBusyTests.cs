using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Auth;
using PortalAccess.Auth.Passwords;

namespace PortalAccess.IntegrationTests.Auth;

/// <summary>Hashing saturated: password endpoints answer 503 problem+json with Retry-After, never queue forever or fail with 500.</summary>
public class HashingBusyTests(TestServices services) : ApiTest(services, configure: s =>
    s.Configure<PortalAccessOptions>(o => o.Hashing = new HashingOptions { MaxConcurrent = 1, MaxQueuedWork = TimeSpan.FromMilliseconds(1) }))
{
    [Fact]
    public async Task Rule5_WhileEveryHashSlotIsTaken_LoginAndPasswordChange_Answer503WithRetryAfter_ThenWorkAgain()
    {
        var owner = await Client.NewOwnerAsync();
        var gate = Standalone.Services.GetRequiredService<HashGate>();
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = Task.Run(() => gate.RunAsync(() =>
        {
            entered.Set();
            return release.Wait(TimeSpan.FromSeconds(60));
        }, HashQueueing.Wait, CancellationToken.None));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));
        try
        {
            foreach (var response in new[]
                     {
                         await Client.TryLoginAsync(owner.Login, owner.Password),
                         await Client.TryLoginAsync(PortalClient.NewCustomerNumber(), "unknown login"),
                         await Client.SendAsync(HttpMethod.Put, "/api/me/password",
                             new { currentPassword = owner.Password, newPassword = "another long password" }, owner.AccessToken),
                     })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
                Assert.EndsWith("/busy", (await PortalClient.JsonAsync(response)).GetProperty("type").GetString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            release.Set();
            await holder;
        }
        Assert.Equal(HttpStatusCode.OK, (await Client.TryLoginAsync(owner.Login, owner.Password)).StatusCode);
    }
}
