using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>
/// Azurite (blob, queue and table) on three free ports of 127.0.0.1, in memory only.
/// Start with <see cref="StartAsync"/>; dispose kills it.
/// </summary>
public sealed class AzuriteProcess : IDisposable, IAsyncDisposable
{
    /// <summary>The fixed development account every Azurite accepts.</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly NodeToolProcess _process;

    private AzuriteProcess(NodeToolProcess process)
    {
        _process = process;
        BlobPort = process.Ports[0];
        QueuePort = process.Ports[1];
        TablePort = process.Ports[2];
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public TimeSpan StartupTime => _process.StartupTime;

    /// <summary>Explicit endpoints, because UseDevelopmentStorage=true always means ports 10000-10002.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"BlobEndpoint={Endpoint(BlobPort)};QueueEndpoint={Endpoint(QueuePort)};TableEndpoint={Endpoint(TablePort)};";

    /// <summary>Starts Azurite and waits (at most 30 s) until the blob, queue and table ports accept connections.</summary>
    public static async Task<AzuriteProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        var process = await NodeToolProcess.StartOnFreePortsAsync(
            "azurite",
            portCount: 3,
            // --inMemoryPersistence refuses --location, so nothing is written to disk at all
            static (ports, _) =>
            [
                "--silent", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                "--blobHost", "127.0.0.1", "--blobPort", Invariant(ports[0]),
                "--queueHost", "127.0.0.1", "--queuePort", Invariant(ports[1]),
                "--tableHost", "127.0.0.1", "--tablePort", Invariant(ports[2]),
            ],
            AllAcceptAsync,
            cancellationToken);
        return new AzuriteProcess(process);
    }

    public void Dispose() => _process.Dispose();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    internal static string Endpoint(int port) => $"http://127.0.0.1:{Invariant(port)}/{AccountName}";

    internal static string Invariant(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether every one of <paramref name="ports"/> accepts a connection: Azurite is listening.</summary>
    internal static async Task<bool> AllAcceptAsync(IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        foreach (var port in ports)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }
}
