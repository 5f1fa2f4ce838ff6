using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Http;

namespace PortalAccess.IntegrationTests.Auth;

/// <summary>
/// Issue 12 point 5, as a script hammering the anonymous auth routes meets it: per client address and per login the
/// routes answer 429 problem+json with <c>Retry-After</c>; other routes are untouched; a forged X-Forwarded-For does not
/// open a new window; reset mails per login stay few while every request answers 202. Each host runs with the real
/// rule at small limits: its own Standalone host, its own worker.
/// </summary>
[Collection(ServicesCollection.Name)]
public abstract class RateLimitTests(TestServices services) : IAsyncLifetime
{
    private const int PerClient = 8;
    private const int PerLogin = 3;

    private IPortalHost? host;
    private PortalClient? client;

    protected TestServices Services => services;

    private PortalClient Client => client ?? throw new InvalidOperationException("Not started.");

    public sealed class OnStandalone(TestServices services) : RateLimitTests(services)
    {
        protected override Task<IPortalHost> StartAsync() => Task.FromResult<IPortalHost>(new PortalApp(
            Services.StorageConnectionString, Services.MailDev.SmtpPort, Services.NewPrefix(),
            configure: s => s.Configure<PortalAccessOptions>(o => (o.RateLimits.PerClient, o.RateLimits.PerLogin) = (PerClient, PerLogin))));
    }

    public sealed class OnWorker(TestServices services) : RateLimitTests(services)
    {
        protected override async Task<IPortalHost> StartAsync() => await WorkerApp.StartAsync(
            Services.StorageConnectionString, Services.MailDev.SmtpPort, Services.NewPrefix(), overrides: new Dictionary<string, string>
            {
                ["PortalAccess:RateLimits:PerClient"] = PerClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PortalAccess:RateLimits:PerLogin"] = PerLogin.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
    }

    protected abstract Task<IPortalHost> StartAsync();

    public async Task InitializeAsync()
    {
        host = await StartAsync();
        client = new PortalClient(host.CreateClient(), async email =>
            (await services.Mail.WaitForMailAsync(m => m.To.Contains(email, StringComparer.OrdinalIgnoreCase), TimeSpan.FromSeconds(20))).Text ?? "");
    }

    public async Task DisposeAsync()
    {
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task OneAddress_GetsItsWindow_OverEveryLimitedRoute_AndAForgedForwardedForDoesNotOpenAnother()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < PerClient; i++)
        {
            // a different login each time, so only the address's window fills; refresh and link checks count alike
            answers.Add(i % 2 == 0
                ? await Client.TryLoginAsync(PortalClient.NewEmail("nobody"), "a wrong password")
                : await Client.SendAsync(HttpMethod.Post, "/api/auth/activation/check", new { token = "not-a-token" }));
        }
        Assert.DoesNotContain(answers, a => a.StatusCode == HttpStatusCode.TooManyRequests);

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh") { Content = System.Net.Http.Json.JsonContent.Create(new { refreshToken = "x" }) };
        forged.Headers.Add("X-Forwarded-For", "203.0.113.99");
        await AssertTooManyAsync(await Client.Http.SendAsync(forged));
        await AssertTooManyAsync(await Client.TryLoginAsync(PortalClient.NewEmail("nobody"), "a wrong password"));

        // routes that are not limited answer as before
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Get, "/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);
    }

    [Fact]
    public async Task OneLogin_GetsItsWindow_HoweverItIsSpelled_WhileOtherLoginsStillSignIn()
    {
        var login = PortalClient.NewEmail("target");
        var spellings = new[] { login, login.ToUpperInvariant(), $"  {login}  " };
        for (var i = 0; i < PerLogin; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client.TryLoginAsync(spellings[i % spellings.Length], "a wrong password")).StatusCode);
        }

        await AssertTooManyAsync(await Client.TryLoginAsync(login.ToUpperInvariant(), "a wrong password"));
        await AssertTooManyAsync(await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset", new { login }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.TryLoginAsync(PortalClient.NewEmail("other"), "a wrong password")).StatusCode);
    }

    [Fact]
    public async Task ResetRequests_AlwaysAnswer202_ButALoginGetsOneMailPerInterval()
    {
        var owner = await NewOwnerAsync();

        for (var i = 0; i < PerLogin; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset", new { login = owner.Number })).StatusCode);
        }
        await Task.Delay(1500);
        var mails = (await services.Mail.GetAllAsync()).Count(m => m.To.Contains(owner.Email, StringComparer.OrdinalIgnoreCase));
        Assert.Equal(2, mails); // the activation mail and one reset mail
    }

    private async Task<(string Number, string Email)> NewOwnerAsync()
    {
        var number = PortalClient.NewCustomerNumber();
        var email = PortalClient.NewEmail("owner");
        (await Client.ProvisionCustomerAsync(number, email)).EnsureSuccessStatusCode();
        await Client.ActivateAsync(await Client.LinkTokenAsync(email), PortalClient.Password);
        return (number, email);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Problems.TypeBase + "too-many-requests", (await PortalClient.JsonAsync(response)).GetProperty("type").GetString());
        Assert.InRange(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
    }
}
