using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PortalAccess.FunctionsTestHost.Http;
using PortalAccess.FunctionsTestHost.Queues;
using PortalAccess.FunctionsTestHost.Rpc;
using PortalAccess.FunctionsTestHost.Worker;

namespace PortalAccess.FunctionsTestHost;

/// <summary>
/// Runs the real Functions worker process (isolated worker, ASP.NET Core integration) and plays the Functions host for it
/// over the language-worker gRPC protocol: HTTP triggers on a Kestrel listener, queue triggers by polling their queues.
/// </summary>
public sealed class FunctionsTestHost : IAsyncDisposable
{
    private const string HostVersion = "4.1040.0";

    private readonly FunctionsTestHostOptions options;
    private readonly LogSink log;
    private readonly WorkerChannel channel;
    private readonly ConcurrentDictionary<string, byte> invoked = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> listeners = [];
    private WebApplication? grpcServer;
    private WebApplication? httpServer;
    private WorkerProcess? worker;
    private HttpFront? front;
    private Task? stopped;

    private FunctionsTestHost(FunctionsTestHostOptions options)
    {
        this.options = options;
        log = new LogSink(options.Log);
        channel = new WorkerChannel(log);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<WorkerFunction> Functions { get; private set; } = [];

    public IReadOnlyCollection<string> InvokedFunctions => [.. invoked.Keys];

    /// <summary>The worker's process id (for tests that make it crash).</summary>
    public int WorkerProcessId => worker?.Id ?? throw new InvalidOperationException("The worker has not started.");

    /// <summary>Completes with the exit code when the worker process ends.</summary>
    internal Task<int> WorkerExited => worker!.Exited;

    public static async Task<FunctionsTestHost> StartAsync(FunctionsTestHostOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var host = new FunctionsTestHost(options);
        try
        {
            await host.StartCoreAsync(ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public Task StopAsync() => stopped ??= StopCoreAsync();

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartCoreAsync(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var appDirectory = Path.GetFullPath(options.AppDirectory);
        var hostJson = HostJson.Read(appDirectory, options.Queues);

        grpcServer = await StartServerAsync(web => web.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2)),
            services => services.AddSingleton(channel).AddGrpc(g => (g.MaxReceiveMessageSize, g.MaxSendMessageSize) = (null, null)),
            app => app.MapGrpcService<FunctionRpcService>());
        var environment = WorkerEnvironment(appDirectory, Address(grpcServer));
        worker = WorkerProcess.Start(appDirectory, ScriptFile(appDirectory), environment, log);
        _ = worker.Exited.ContinueWith(t => OnWorkerExited(t.Result), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.StartTimeout);
        var handshake = new Handshake(channel, worker, log, options.StartTimeout, timeout.Token, ct);
        var (httpUri, functions) = await HandshakeAsync(handshake, appDirectory);
        Functions = [.. functions.Select(f => f.Function)];

        if (functions.Any(f => f.Function.Route is not null))
        {
            if (httpUri is null)
            {
                throw handshake.Failed("the worker did not announce its HttpUri capability (ASP.NET Core integration, ConfigureFunctionsWebApplication, is required)");
            }
            await handshake.Step(WaitForListenerAsync(httpUri, timeout.Token), $"listen on {httpUri}");
            front = new HttpFront(functions, hostJson.RoutePrefix, options.ReverseRoutes, options.FunctionKey ?? options.Settings.GetValueOrDefault("PortalAccess__SystemKey"),
                httpUri, channel, log, Record);
        }
        httpServer = await StartServerAsync(web => web.UseUrls(options.Urls).ConfigureKestrel(k => k.AddServerHeader = false),
            _ => { }, app =>
            {
                if (options.StaticFiles is { } root)
                {
                    ServeStaticFiles(app, root);
                }
                app.Run(context => front is null ? NoRoute(context) : front.HandleAsync(context));
            });
        BaseAddress = new Uri(Address(httpServer));
        if (channel.Failure is { } failure)
        {
            throw handshake.Failed(failure);
        }
        StartQueueListeners(functions, hostJson.Queues, environment);
        log.Write($"[host] {Functions.Count} functions loaded, listening on {BaseAddress} (start took {started.ElapsedMilliseconds} ms)");
    }

    /// <summary>StartStream → WorkerInitRequest/Response → FunctionsMetadataRequest/FunctionMetadataResponse → FunctionLoadRequest/Response per function.</summary>
    private static async Task<(Uri? HttpUri, List<IndexedFunction> Functions)> HandshakeAsync(Handshake handshake, string appDirectory)
    {
        await handshake.Step(handshake.Connected.ContinueWith(_ => true, TaskScheduler.Default), "open its gRPC stream");
        var init = await handshake.Ask(new StreamingMessage
        {
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = HostVersion,
                WorkerDirectory = appDirectory,
                FunctionAppDirectory = appDirectory,
                Capabilities = { ["HttpUri"] = bool.TrueString },
            },
        }, "init", "answer WorkerInitRequest");
        var httpUri = init.WorkerInitResponse.Capabilities.TryGetValue("HttpUri", out var uri) ? new Uri(uri) : null;
        var metadata = await handshake.Ask(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } },
            "metadata", "answer FunctionsMetadataRequest");
        handshake.EnsureSuccess(metadata.FunctionMetadataResponse.Result, "indexing functions");
        var functions = metadata.FunctionMetadataResponse.FunctionMetadataResults.Select(WorkerFunctions.Index).ToList();
        if (functions.Count == 0)
        {
            throw handshake.Failed("the worker announced no functions (use_default_metadata_indexing is not supported)");
        }
        var loads = await Task.WhenAll(functions.Select(f => handshake.Ask(new StreamingMessage { FunctionLoadRequest = f.LoadRequest },
            "load:" + f.Function.FunctionId, $"load function {f.Function.Name}")));
        foreach (var (load, function) in loads.Zip(functions))
        {
            handshake.EnsureSuccess(load.FunctionLoadResponse.Result, $"loading function {function.Function.Name}");
        }
        return (httpUri, functions);
    }

    private void StartQueueListeners(List<IndexedFunction> functions, QueueOptions queueOptions, IReadOnlyDictionary<string, string> environment)
    {
        var prefix = environment.GetValueOrDefault("PortalAccess__Storage__Prefix") ?? "";
        foreach (var function in functions.Where(f => f.Function.QueueName is not null))
        {
            var setting = function.Connection ?? "AzureWebJobsStorage";
            var connection = environment.GetValueOrDefault(setting) ?? environment.GetValueOrDefault("AzureWebJobs" + setting);
            if (string.IsNullOrEmpty(connection))
            {
                log.Write($"[host] Function {function.Function.Name} is not polled: setting {setting} holds no connection string");
                continue;
            }
            // emulates the app's test-only storage prefix (StorageAccount.QueueName): the worker's metadata names the unprefixed queue
            var queueName = prefix.Length == 0 ? function.Function.QueueName! : $"{prefix.ToLowerInvariant()}-{function.Function.QueueName}";
            var queue = new QueueClient(connection, queueName);
            var poison = new QueueClient(connection, queueName + "-poison");
            var listener = new QueueTriggerListener(function, queue, poison, queueOptions, channel, log, Record);
            listeners.Add(Task.Run(() => listener.RunAsync(stopping.Token)));
        }
    }

    private Dictionary<string, string> WorkerEnvironment(string appDirectory, string grpcAddress)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment[(string)variable.Key] = (string?)variable.Value ?? "";
        }
        // the worker's Kestrel listens on its own HttpUri; a URL meant for the caller's process must not reach it
        foreach (var key in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
        {
            environment.Remove(key);
        }
        foreach (var (key, value) in options.Settings)
        {
            environment[key] = value;
        }
        environment["Functions__Worker__HostEndpoint"] = grpcAddress.TrimEnd('/');
        environment["Functions__Worker__WorkerId"] = Guid.NewGuid().ToString();
        environment["Functions__Worker__RequestId"] = Guid.NewGuid().ToString();
        environment["Functions__Worker__GrpcMaxMessageLength"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        environment["AzureWebJobsScriptRoot"] = appDirectory;
        environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        return environment;
    }

    private static string ScriptFile(string appDirectory)
    {
        var metadataPath = Path.Combine(appDirectory, "functions.metadata");
        if (!File.Exists(metadataPath))
        {
            throw new FileNotFoundException($"{appDirectory} holds no functions.metadata: is it the Functions app's build output?", metadataPath);
        }
        var scriptFile = JsonNode.Parse(File.ReadAllText(metadataPath))?.AsArray()
            .Select(f => f?["scriptFile"]?.GetValue<string>()).FirstOrDefault(s => !string.IsNullOrEmpty(s))
            ?? throw new InvalidOperationException($"{metadataPath} names no scriptFile.");
        return Path.Combine(appDirectory, scriptFile);
    }

    private void OnWorkerExited(int exitCode)
    {
        channel.Fail($"the worker process exited with code {exitCode}", definitive: !stopping.IsCancellationRequested);
    }

    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private void Record(string functionName) => invoked.TryAdd(functionName, 0);

    /// <summary>
    /// Files of <paramref name="root"/> at their paths, <c>index.html</c> for <c>/</c> and for the pages the portal's mail
    /// links open (as PortalAccess.Standalone's PortalPages does); everything else goes on to the functions.
    /// </summary>
    private static void ServeStaticFiles(WebApplication app, string root)
    {
        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        app.UseRewriter(new RewriteOptions().AddRewrite("^(activate|reset-password)/?$", "index.html", skipRemainingRules: true));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }

    // the real host's answer when no route matches: 404 with no body
    private static Task NoRoute(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private async Task<WebApplication> StartServerAsync(Action<IWebHostBuilder> web, Action<IServiceCollection> services, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddProvider(new LogSinkLoggerProvider(log, () => stopping.IsCancellationRequested));
        // embedded servers: signals belong to the process (ProcessExit then kills the worker), not to a console lifetime that swallows them
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        // the slim builder serialises only source-generated types; problem details need reflection
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, new DefaultJsonTypeInfoResolver()));
        web(builder.WebHost);
        services(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";

    private static async Task<bool> WaitForListenerAsync(Uri uri, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(uri.Host, uri.Port, ct);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50, ct);
            }
        }
    }

    private async Task StopCoreAsync()
    {
        await stopping.CancelAsync();
        channel.Fail("the test host is stopping");
        worker?.Dispose();
        await Task.WhenAll(listeners);
        foreach (var server in new[] { httpServer, grpcServer })
        {
            if (server is not null)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await server.StopAsync(timeout.Token);
                await server.DisposeAsync();
            }
        }
        front?.Dispose();
        stopping.Dispose();
    }
}
