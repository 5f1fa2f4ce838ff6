using System.Globalization;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>
/// MailDev with its SMTP and web/REST ports on free ports of 127.0.0.1 and its mail in a
/// private temp folder. Start with <see cref="StartAsync"/>; dispose kills it.
/// </summary>
public sealed class MailDevProcess : IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly NodeToolProcess _process;

    private MailDevProcess(NodeToolProcess process)
    {
        _process = process;
        SmtpPort = process.Ports[0];
        WebPort = process.Ports[1];
    }

    public string SmtpHost => "127.0.0.1";

    public int SmtpPort { get; }

    public int WebPort { get; }

    /// <summary>Root of the web UI; the REST API lives under api/ (maildev 3).</summary>
    public Uri WebBaseUri => new($"http://127.0.0.1:{WebPort.ToString(CultureInfo.InvariantCulture)}/");

    public TimeSpan StartupTime => _process.StartupTime;

    /// <summary>Starts MailDev and waits (at most 30 s) until GET /api/healthz answers.</summary>
    public static async Task<MailDevProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        using var probe = new HttpClient { Timeout = ProbeTimeout };
        var process = await NodeToolProcess.StartOnFreePortsAsync(
            "maildev",
            portCount: 2,
            // without --mail-directory every MailDev on the machine writes its .eml files to /tmp/maildev
            static (ports, workDirectory) =>
            [
                "--silent",
                "--ip", "127.0.0.1", "--smtp", ports[0].ToString(CultureInfo.InvariantCulture),
                "--web-ip", "127.0.0.1", "--web", ports[1].ToString(CultureInfo.InvariantCulture),
                "--mail-directory", Path.Combine(workDirectory, "mail"),
            ],
            (ports, token) => AnswersAsync(probe, ports[1], token),
            cancellationToken);
        return new MailDevProcess(process);
    }

    public void Dispose() => _process.Dispose();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task<bool> AnswersAsync(HttpClient probe, int webPort, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await probe.GetAsync(
                new Uri($"http://127.0.0.1:{webPort.ToString(CultureInfo.InvariantCulture)}/api/healthz"),
                cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // this probe timed out; the overall deadline decides when to give up
            return false;
        }
    }
}
