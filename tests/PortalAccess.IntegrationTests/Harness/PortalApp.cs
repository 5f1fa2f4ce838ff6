using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>
/// The Standalone host in memory, against the real Azurite and MailDev of the run, with its own table and
/// queue prefix so that tests do not see each other's rows. Optional: a fault to inject into storage calls, a log of
/// the storage requests sent, a race to interleave with them, and a fake clock.
/// </summary>
public sealed class PortalApp(
    string storageConnection, int smtpPort, string prefix, StorageFault? fault = null, FakeTimeProvider? clock = null,
    Action<IServiceCollection>? configure = null, StorageRequestLog? requestLog = null, StorageInterleave? interleave = null)
    : WebApplicationFactory<Program>, IPortalHost
{
    public const string SystemKey = "integration-test-system-key";

    public HostKind Kind => HostKind.Standalone;

    public string Prefix => prefix;

    public HttpClient CreateClient(DelegatingHandler first) => CreateDefaultClient(ClientOptions.BaseAddress, first);

    public StorageAccount Storage => Services.GetRequiredService<StorageAccount>();

    /// <summary>Everything the app logged.</summary>
    public LogSink Logs { get; } = new();

    /// <summary>The settings both hosts get in the tests: the run's Azurite and MailDev, a system key, a storage prefix.</summary>
    /// <summary>The browser origins both hosts of the tests allow.</summary>
    public static readonly string[] CorsOrigins = ["https://portal.example", "https://admin.example"];

    public static Dictionary<string, string> Settings(string storageConnection, int smtpPort, string prefix) => new()
    {
        ["AzureWebJobsStorage"] = storageConnection,
        ["PortalAccess:Storage:Prefix"] = prefix,
        ["PortalAccess:SystemKey"] = SystemKey,
        ["PortalAccess:PortalBaseUrl"] = "https://portal.test",
        // the suites sign in hundreds of times from one address; RateLimitTests set the real limits
        ["PortalAccess:RateLimits:PerClient"] = "1000000",
        ["PortalAccess:RateLimits:PerLogin"] = "1000000",
        // bursts of 32 sign-ins queue behind Argon2id; on a busy 2-core machine the measured hash time grows until the
        // default 2 s of queued work sheds some of them with 503 (ConcurrentSignInTests failed so), which is load shedding,
        // not what those tests check; HashingBusyTests set the gate tight and the soak runs it at its defaults
        ["PortalAccess:Hashing:MaxQueuedWork"] = "00:01:00",
        ["PortalAccess:Cors:AllowedOrigins:0"] = CorsOrigins[0],
        ["PortalAccess:Cors:AllowedOrigins:1"] = CorsOrigins[1],
        ["PortalAccess:Mail:Smtp:Host"] = "127.0.0.1",
        ["PortalAccess:Mail:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings(storageConnection, smtpPort, prefix))
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Standalone:MailWorker:RetryDelay", "00:00:00.200");
        builder.UseSetting("Standalone:MailWorker:MaxPollingInterval", "00:00:00.250");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, LoopbackPeer>();
            configure?.Invoke(services);
            if (clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            }
            if (fault is not null || requestLog is not null || interleave is not null)
            {
                var tableOptions = StorageOutage.TableOptions();
                var queueOptions = StorageOutage.QueueOptions();
                foreach (var options in new ClientOptions[] { tableOptions, queueOptions })
                {
                    // the fault per call: a crash is not retried; the log per retry: every attempt is a round trip
                    if (fault is not null)
                    {
                        options.AddPolicy(fault, HttpPipelinePosition.PerCall);
                    }
                    if (interleave is not null)
                    {
                        options.AddPolicy(interleave, HttpPipelinePosition.PerCall);
                    }
                    if (requestLog is not null)
                    {
                        options.AddPolicy(requestLog, HttpPipelinePosition.PerRetry);
                    }
                }
                services.RemoveAll<TableServiceClient>();
                services.RemoveAll<QueueServiceClient>();
                services.AddSingleton(new TableServiceClient(storageConnection, tableOptions));
                services.AddSingleton(new QueueServiceClient(storageConnection, queueOptions));
            }
        });
    }
}

/// <summary>
/// The in-memory test server has no connection; a real one always has a peer. This gives every request the loopback
/// peer a local client would have, before anything else in the pipeline reads it.
/// </summary>
internal sealed class LoopbackPeer : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}
