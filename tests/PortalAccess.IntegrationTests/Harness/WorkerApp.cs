extern alias TestHost;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using FunctionsTestHost = TestHost::PortalAccess.FunctionsTestHost.FunctionsTestHost;
using Microsoft.Extensions.Options;
using PortalAccess.Storage;
using TestHost::PortalAccess.FunctionsTestHost;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>
/// The built Functions app (functions/PortalAccess.Functions) as a real worker process behind the test host, on the
/// run's Azurite and MailDev. One instance serves every worker test of a run: starting the worker costs seconds, and
/// the tests keep apart through their own customers, as tenants do.
/// </summary>
public sealed class WorkerApp : IPortalHost, IAsyncDisposable
{
    private readonly FunctionsTestHost host;
    private readonly SocketsHttpHandler handler = new();

    private WorkerApp(FunctionsTestHost host, string prefix, StorageAccount storage, LogSink logs)
    {
        this.host = host;
        Prefix = prefix;
        Storage = storage;
        Logs = logs;
    }

    public HostKind Kind => HostKind.Worker;

    public string Prefix { get; }

    public StorageAccount Storage { get; }

    public LogSink Logs { get; }

    /// <summary>The functions the worker loaded, from the build's functions.metadata.</summary>
    public IReadOnlyList<WorkerFunction> Functions => host.Functions;

    /// <summary>The functions that have been invoked so far in this run.</summary>
    public IReadOnlyCollection<string> InvokedFunctions => host.InvokedFunctions;

    /// <summary>Ends the worker process at once, as a crash would.</summary>
    public void KillWorker() => System.Diagnostics.Process.GetProcessById(host.WorkerProcessId).Kill(entireProcessTree: true);

    public HttpClient CreateClient() => new(handler, disposeHandler: false) { BaseAddress = host.BaseAddress };

    public HttpClient CreateClient(DelegatingHandler first)
    {
        // the socket handler is shared by every client of this run's worker: the client must not dispose the chain
        first.InnerHandler = handler;
        return new(first, disposeHandler: false) { BaseAddress = host.BaseAddress };
    }

    /// <summary>
    /// Starts a worker behind the test host; <paramref name="reverseRoutes"/> makes the host try its routes in reverse
    /// order, <paramref name="overrides"/> replace settings (keys in configuration form, "PortalAccess:RateLimits:PerClient").
    /// </summary>
    public static async Task<WorkerApp> StartAsync(string storageConnection, int smtpPort, string prefix, bool reverseRoutes = false,
        IReadOnlyDictionary<string, string>? overrides = null)
    {
        var logs = new LogSink();
        var settings = PortalApp.Settings(storageConnection, smtpPort, prefix)
            .Concat(overrides ?? new Dictionary<string, string>()).GroupBy(s => s.Key).Select(g => g.Last())
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        settings["DOTNET_ENVIRONMENT"] = "Testing";
        var host = await FunctionsTestHost.StartAsync(new FunctionsTestHostOptions
        {
            AppDirectory = RepoPaths.FunctionsApp,
            Settings = settings,
            // the Standalone tests' retry delay and polling: a failed mail is retried within a second
            Queues = new QueueSettings(VisibilityTimeout: TimeSpan.FromMilliseconds(200), MaxPollingInterval: TimeSpan.FromMilliseconds(250)),
            Log = logs.Add,
            // as run.sh --functions: the reference portal on the same origin
            StaticFiles = Path.Combine(RepoPaths.Root, "functions", "PortalAccess.Standalone", "wwwroot"),
            ReverseRoutes = reverseRoutes,
        });
        var storage = new StorageAccount(
            new TableServiceClient(storageConnection),
            new QueueServiceClient(storageConnection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }),
            Options.Create(new PortalAccessOptions { Storage = new StorageOptions { Prefix = prefix } }));
        return new WorkerApp(host, prefix, storage, logs);
    }

    public async ValueTask DisposeAsync()
    {
        handler.Dispose();
        await host.DisposeAsync();
    }
}
