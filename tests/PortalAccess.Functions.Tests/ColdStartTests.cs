using System.Collections.Concurrent;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PortalAccess.Storage;

namespace PortalAccess.Functions.Tests;

/// <summary>
/// What one start of the Functions host's services costs in storage requests, and what a storage that refuses does to
/// it. The table and queue clients go to a fake storage that counts every request and either creates what is asked
/// for or refuses everything with 403, as a storage account does while the app's role assignments propagate.
/// </summary>
public sealed class ColdStartTests
{
    [Fact]
    public async Task IdentityBasedStorage_ColdStart_MakesNoStorageRequest()
    {
        var storage = new FakeStorage(refuse: true);
        var logs = new LogCapture();
        using var services = Build(storage, logs,
            ("AzureWebJobsStorage:accountName", "portalaccess"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001"));

        await StartAsync(services);

        Assert.Empty(storage.Requests);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("none is created at start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectionStringStorage_ColdStart_CreatesEachTableAndQueueOnce()
    {
        var storage = new FakeStorage(refuse: false);
        var logs = new LogCapture();
        using var services = Build(storage, logs, ("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        await StartAsync(services);

        Assert.Equal(
            [
                .. StorageNames.Tables.Select(_ => "POST /devstoreaccount1/Tables"),
                .. StorageNames.Queues.Select(q => $"PUT /devstoreaccount1/{q}"),
            ],
            storage.Requests);
        Assert.Equal(9, storage.Requests.Count);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task StorageRefusingAtStart_IsLogged_AndTheHostKeepsRunning()
    {
        var storage = new FakeStorage(refuse: true);
        var logs = new LogCapture();
        using var services = Build(storage, logs, ("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        // a throw here is what made the worker restart until the role assignments arrived
        await StartAsync(services);

        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("HTTP 403", entry.Message, StringComparison.Ordinal);
        Assert.Contains("keeps running", entry.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(FakeStorage storage, LogCapture logs, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(logs));
        // registered first, so AddPortalAccess keeps these (TryAdd) and the settings decide only what happens at start
        services.AddSingleton(new TableServiceClient("UseDevelopmentStorage=true", new TableClientOptions { Transport = storage.Transport, Retry = { MaxRetries = 0 } }));
        services.AddSingleton(new QueueServiceClient("UseDevelopmentStorage=true", new QueueClientOptions { Transport = storage.Transport, Retry = { MaxRetries = 0 } }));
        return services.AddPortalAccess(configuration).AddFunctionsHost()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static async Task StartAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    private sealed class FakeStorage(bool refuse) : HttpMessageHandler
    {
        private readonly ConcurrentQueue<string> requests = new();

        public IReadOnlyList<string> Requests => [.. requests];

        public HttpPipelineTransport Transport => new HttpClientTransport(new HttpClient(this));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            requests.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
            if (!refuse)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created)
                {
                    Content = request.Method == HttpMethod.Post
                        ? new StringContent("""{"TableName":"created"}""", System.Text.Encoding.UTF8, "application/json")
                        : new StringContent(""),
                });
            }
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden)
            {
                Content = new StringContent("""{"odata.error":{"code":"AuthorizationPermissionMismatch","message":{"value":"This request is not authorized to perform this operation using this permission."}}}"""),
            });
        }
    }

    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Message)> entries = new();

        public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. entries];

        public ILogger CreateLogger(string categoryName) => new Logger(entries);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
