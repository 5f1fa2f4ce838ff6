using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace PortalAccess.BrowserTests.Support;

/// <summary>
/// The Standalone host (the integration tests' <see cref="PortalApp"/>) on a real Kestrel port, since a browser cannot
/// reach WebApplicationFactory's in-memory server. Its mail links point to itself, as they do under run.sh.
/// </summary>
public sealed class KestrelPortal : IAsyncDisposable
{
    private readonly PortalApp app;
    private readonly HttpClient http;

    private KestrelPortal(TestServices services, FakeTimeProvider? clock)
    {
        var port = FreePort.Next();
        BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        app = new PortalApp(services.StorageConnectionString, services.MailDev.SmtpPort, services.NewPrefix(), clock: clock,
            configure: s => s.PostConfigure<PortalAccessOptions>(o => o.PortalBaseUrl = BaseUrl));
        app.UseKestrel(port);
        app.StartServer();
        http = new HttpClient { BaseAddress = BaseUrl };
        Client = new PortalClient(http, async email => (await services.Mail.WaitForMailAsync(m => m.To.Contains(email), MailTimeout)).Text ?? "");
    }

    public static TimeSpan MailTimeout { get; } = TimeSpan.FromSeconds(20);

    /// <summary>Where the portal and the API (under /api) answer.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The API over real HTTP, for what a test prepares or checks outside the browser.</summary>
    public PortalClient Client { get; }

    /// <summary>Starts a host; a <paramref name="clock"/> lets a test make links expire.</summary>
    public static KestrelPortal Start(TestServices services, FakeTimeProvider? clock = null) => new(services, clock);

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await app.DisposeAsync();
    }
}
