using System.Diagnostics.CodeAnalysis;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>
/// Azurite and MailDev started once for every test class in the "services" collection,
/// each on free ports so parallel runs and a developer's own instances do not collide.
/// </summary>
public sealed class TestServices : IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private MailDevProcess? _mailDev;
    private MailDevClient? _mail;
    private Lazy<Task<WorkerApp>>? _worker;

    public AzuriteProcess Azurite => _azurite ?? throw NotStarted();

    public MailDevProcess MailDev => _mailDev ?? throw NotStarted();

    /// <summary>The inbox of <see cref="MailDev"/>.</summary>
    public MailDevClient Mail => _mail ?? throw NotStarted();

    /// <summary>The real Functions worker of this run, started by the first test that asks for it.</summary>
    public Task<WorkerApp> WorkerAsync() =>
        (_worker ?? throw NotStarted()).Value;

    /// <summary>Connection string with explicit endpoints for the running Azurite.</summary>
    public string StorageConnectionString => Azurite.ConnectionString;

    /// <summary>
    /// A unique lower-case prefix valid at the start of table and queue names ("t" and 8 hex digits),
    /// so tests sharing one Azurite never see each other's data.
    /// </summary>
    public string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        var azurite = AzuriteProcess.StartAsync();
        var mailDev = MailDevProcess.StartAsync();
        try
        {
            await Task.WhenAll(azurite, mailDev);
        }
        catch
        {
            // the one that did start must not outlive the failed fixture
            await DisposeStartedAsync(azurite);
            await DisposeStartedAsync(mailDev);
            // await reports only the first failure; when both fail, both reasons matter
            if (azurite.Exception is { } azuriteFailure && mailDev.Exception is { } mailDevFailure)
            {
                throw new AggregateException(
                    "Azurite and MailDev both failed to start.",
                    [.. azuriteFailure.InnerExceptions, .. mailDevFailure.InnerExceptions]);
            }

            throw;
        }

        _azurite = await azurite;
        _mailDev = await mailDev;
        _mail = new MailDevClient(_mailDev.WebBaseUri);
        _worker = new(() => WorkerApp.StartAsync(StorageConnectionString, _mailDev.SmtpPort, NewPrefix()));
    }

    public async Task DisposeAsync()
    {
        if (_worker is { IsValueCreated: true } worker && worker.Value.IsCompletedSuccessfully)
        {
            await worker.Value.Result.DisposeAsync();
        }
        _mail?.Dispose();
        if (_mailDev is not null)
        {
            await _mailDev.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private static async Task DisposeStartedAsync<T>(Task<T> start)
        where T : IAsyncDisposable
    {
        if (start.IsCompletedSuccessfully)
        {
            await start.Result.DisposeAsync();
        }
    }

    private static InvalidOperationException NotStarted() =>
        new("TestServices has not started; use it as a fixture ([Collection(\"services\")]).");
}

/// <summary>Test classes marked [Collection("services")] share one <see cref="TestServices"/>.</summary>
[CollectionDefinition(Name)]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "xunit's convention for collection definitions")]
public sealed class ServicesCollection : ICollectionFixture<TestServices>
{
    public const string Name = "services";
}
