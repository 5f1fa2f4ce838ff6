using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>
/// A test against one host on the shared Azurite and MailDev: a fresh in-memory Standalone host (its own storage
/// prefix; a fault, a clock or services may be injected), or the run's real Functions worker behind the test host.
/// </summary>
[Collection(ServicesCollection.Name)]
public abstract class ApiTest : IAsyncLifetime
{
    protected static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(20);

    private readonly PortalApp? standalone;
    private IPortalHost? app;
    private PortalClient? client;
    private ResponseLog? responses;

    /// <summary>A test that runs on the given host; a class of such tests runs once per host (<c>OnStandalone</c>, <c>OnWorker</c>).</summary>
    protected ApiTest(TestServices services, HostKind host)
        : this(services, host, null, null, null)
    {
    }

    /// <summary>
    /// A test on the Standalone host, which can take a storage fault, a fake clock, other services, a log of its storage
    /// requests or a race interleaved with them.
    /// </summary>
    protected ApiTest(TestServices services, StorageFault? fault = null, FakeTimeProvider? clock = null, Action<IServiceCollection>? configure = null,
        StorageRequestLog? requestLog = null, StorageInterleave? interleave = null)
        : this(services, HostKind.Standalone, fault, clock, configure, requestLog, interleave)
    {
    }

    private ApiTest(TestServices services, HostKind host, StorageFault? fault, FakeTimeProvider? clock, Action<IServiceCollection>? configure,
        StorageRequestLog? requestLog = null, StorageInterleave? interleave = null)
    {
        Services = services;
        if (host == HostKind.Standalone)
        {
            standalone = new PortalApp(services.StorageConnectionString, services.MailDev.SmtpPort, services.NewPrefix(), fault, clock, configure, requestLog, interleave);
            app = standalone;
            client = NewClient(standalone);
        }
    }

    protected TestServices Services { get; }

    /// <summary>The host under test.</summary>
    protected IPortalHost App => app ?? throw new InvalidOperationException("The host starts in InitializeAsync.");

    /// <summary>The Standalone host, for tests that reach into its services.</summary>
    protected PortalApp Standalone => standalone ?? throw new InvalidOperationException("This test runs on the worker; only the Standalone host shares its services.");

    protected PortalClient Client => client ?? throw new InvalidOperationException("The host starts in InitializeAsync.");

    /// <summary>Every answer <see cref="Client"/> got so far.</summary>
    protected IReadOnlyCollection<LoggedResponse> Responses => responses?.Responses ?? [];

    private PortalClient NewClient(IPortalHost host)
    {
        responses = new ResponseLog();
        return new PortalClient(host.CreateClient(responses), email => MailTextAsync(email));
    }

    /// <summary>The text of the <paramref name="nth"/> mail (1-based) sent to <paramref name="email"/>, waiting for it.</summary>
    protected Task<string> MailTextAsync(string email, int nth = 1) => Services.Mail.TextToAsync(email, nth, MailTimeout);

    protected Task<int> MailCountAsync(string email) => Services.Mail.CountToAsync(email);

    public async Task InitializeAsync()
    {
        if (app is null)
        {
            app = await Services.WorkerAsync();
            client = NewClient(app);
        }
    }

    public async Task DisposeAsync()
    {
        client?.Http.Dispose();
        if (standalone is not null)
        {
            await standalone.DisposeAsync();
        }
    }
}
