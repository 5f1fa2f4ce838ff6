using Microsoft.Extensions.Time.Testing;
using PortalAccess.IntegrationTests.Infrastructure;

namespace PortalAccess.IntegrationTests.Support;

/// <summary>
/// A test against a fresh in-memory Standalone host (its own storage prefix) on the shared Azurite and MailDev.
/// </summary>
[Collection(ServicesCollection.Name)]
public abstract class ApiTest : IAsyncLifetime
{
    protected static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(20);

    protected ApiTest(TestServices services, StorageFault? fault = null, FakeTimeProvider? clock = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configure = null)
    {
        Services = services;
        App = new PortalApp(services.StorageConnectionString, services.MailDev.SmtpPort, services.NewPrefix(), fault, clock, configure);
        Client = new PortalClient(App.CreateClient(), email => MailTextAsync(email));
    }

    protected TestServices Services { get; }

    protected PortalApp App { get; }

    protected PortalClient Client { get; }

    /// <summary>The text of the <paramref name="nth"/> mail (1-based) sent to <paramref name="email"/>, waiting for it.</summary>
    protected async Task<string> MailTextAsync(string email, int nth = 1)
    {
        var deadline = DateTimeOffset.UtcNow + MailTimeout;
        while (true)
        {
            var mails = (await Services.Mail.GetAllAsync()).Where(m => m.To.Contains(email, StringComparer.OrdinalIgnoreCase)).ToList();
            if (mails.Count >= nth)
            {
                return mails[nth - 1].Text ?? "";
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Mail {nth} to {email} did not arrive within {MailTimeout.TotalSeconds} s ({mails.Count} arrived).");
            }
            await Task.Delay(150);
        }
    }

    protected async Task<int> MailCountAsync(string email) =>
        (await Services.Mail.GetAllAsync()).Count(m => m.To.Contains(email, StringComparer.OrdinalIgnoreCase));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();
}
