using System.Net;
using System.Net.Sockets;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>
/// An SMTP relay that can be switched off: a port of its own that forwards to the run's MailDev while on, and refuses
/// connections (nothing listens) while off, as a relay that is down. The host under test is pointed at <see cref="Port"/>.
/// </summary>
public sealed class SmtpSwitch : IAsyncDisposable
{
    private readonly int target;
    private readonly CancellationTokenSource stopping = new();
    private TcpListener? listener;
    private Task accepting = Task.CompletedTask;

    public SmtpSwitch(int mailDevSmtpPort)
    {
        target = mailDevSmtpPort;
        Port = FreePort.Next();
    }

    public int Port { get; }

    public bool IsOn => listener is not null;

    public void TurnOn()
    {
        if (listener is not null)
        {
            return;
        }
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        var current = listener;
        accepting = Task.Run(() => AcceptAsync(current));
    }

    public async Task TurnOffAsync()
    {
        if (listener is { } current)
        {
            listener = null;
            current.Stop();
            await accepting;
        }
    }

    private async Task AcceptAsync(TcpListener current)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await current.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, target, stopping.Token);
                var down = client.GetStream();
                var up = upstream.GetStream();
                await Task.WhenAny(down.CopyToAsync(up, stopping.Token), up.CopyToAsync(down, stopping.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // one side hung up
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await TurnOffAsync();
        await stopping.CancelAsync();
        stopping.Dispose();
    }
}
