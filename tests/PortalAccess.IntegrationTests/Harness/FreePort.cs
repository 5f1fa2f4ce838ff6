using System.Net;
using System.Net.Sockets;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>Free TCP ports on 127.0.0.1, found by letting the OS pick (bind to port 0).</summary>
public static class FreePort
{
    public static int Next() => Next(1)[0];

    /// <summary>Distinct free ports: all listeners stay open until every port is chosen, so none repeats.</summary>
    public static int[] Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
