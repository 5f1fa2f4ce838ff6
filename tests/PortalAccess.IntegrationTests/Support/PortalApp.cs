using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace PortalAccess.IntegrationTests.Support;

/// <summary>
/// The Standalone host in memory, against the real Azurite and MailDev of the run, with its own table and
/// queue prefix so that tests do not see each other's rows. Optional: a fault to inject into storage calls
/// and a fake clock.
/// </summary>
public sealed class PortalApp(
    string storageConnection, int smtpPort, string prefix, StorageFault? fault = null, FakeTimeProvider? clock = null,
    Action<IServiceCollection>? configure = null)
    : WebApplicationFactory<Program>
{
    public const string SystemKey = "integration-test-system-key";

    public string Prefix => prefix;

    /// <summary>Everything the app logged.</summary>
    public LogSink Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("AzureWebJobsStorage", storageConnection);
        builder.UseSetting("PortalAccess:Storage:Prefix", prefix);
        builder.UseSetting("PortalAccess:SystemKey", SystemKey);
        builder.UseSetting("PortalAccess:PortalBaseUrl", "https://portal.test");
        builder.UseSetting("PortalAccess:Mail:Smtp:Host", "127.0.0.1");
        builder.UseSetting("PortalAccess:Mail:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Standalone:MailWorker:RetryDelay", "00:00:00.200");
        builder.UseSetting("Standalone:MailWorker:MaxPollingInterval", "00:00:00.250");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            configure?.Invoke(services);
            if (clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            }
            if (fault is not null)
            {
                var tableOptions = new TableClientOptions();
                tableOptions.AddPolicy(fault, HttpPipelinePosition.PerCall);
                var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
                queueOptions.AddPolicy(fault, HttpPipelinePosition.PerCall);
                services.RemoveAll<TableServiceClient>();
                services.RemoveAll<QueueServiceClient>();
                services.AddSingleton(new TableServiceClient(storageConnection, tableOptions));
                services.AddSingleton(new QueueServiceClient(storageConnection, queueOptions));
            }
        });
    }
}
