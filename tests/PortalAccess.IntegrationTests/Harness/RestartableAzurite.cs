namespace PortalAccess.IntegrationTests.Harness;

/// <summary>
/// A private Azurite that a test can stop and start again on the same ports with the same data folder, as a storage
/// outage looks to a running host. Never the run's shared Azurite (<see cref="TestServices.Azurite"/>).
/// </summary>
public sealed class RestartableAzurite : IAsyncDisposable
{
    private readonly string dataFolder;
    private readonly int[] ports;
    private NodeToolProcess? process;

    private RestartableAzurite(string dataFolder, int[] ports, NodeToolProcess process)
    {
        this.dataFolder = dataFolder;
        this.ports = ports;
        this.process = process;
    }

    public bool IsRunning => process is not null;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteProcess.AccountName};AccountKey={AzuriteProcess.AccountKey};"
        + $"BlobEndpoint={AzuriteProcess.Endpoint(ports[0])};QueueEndpoint={AzuriteProcess.Endpoint(ports[1])};TableEndpoint={AzuriteProcess.Endpoint(ports[2])};";

    public static async Task<RestartableAzurite> StartAsync()
    {
        var dataFolder = Directory.CreateTempSubdirectory("portalaccess-azurite-data-").FullName;
        var ports = FreePort.Next(3);
        return new RestartableAzurite(dataFolder, ports, await LaunchAsync(dataFolder, ports));
    }

    /// <summary>Ends Azurite as an outage would (it writes its data first, so that a restart finds it).</summary>
    public async Task StopAsync()
    {
        if (process is { } running)
        {
            process = null;
            await running.StopGracefullyAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Starts Azurite again on the same ports with the same data.</summary>
    public async Task RestartAsync()
    {
        if (process is null)
        {
            process = await LaunchAsync(dataFolder, ports);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // a leftover temp folder
        }
    }

    private static Task<NodeToolProcess> LaunchAsync(string dataFolder, int[] ports) =>
        NodeToolProcess.StartOnPortsAsync(
            "azurite",
            ports,
            (p, _) =>
            [
                "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--location", dataFolder,
                "--blobHost", "127.0.0.1", "--blobPort", AzuriteProcess.Invariant(p[0]),
                "--queueHost", "127.0.0.1", "--queuePort", AzuriteProcess.Invariant(p[1]),
                "--tableHost", "127.0.0.1", "--tablePort", AzuriteProcess.Invariant(p[2]),
            ],
            AzuriteProcess.AllAcceptAsync,
            CancellationToken.None);
}
