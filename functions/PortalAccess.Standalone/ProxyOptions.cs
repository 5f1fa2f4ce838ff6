using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PortalAccess.Standalone;

/// <summary>
/// Which direct peers may say who the client is with <c>X-Forwarded-For</c> / <c>-Proto</c>: none by default, so a client
/// cannot write any address it likes into the audit trail or spread its requests over rate-limit partitions. Behind a
/// reverse proxy, list its address (<c>KnownProxies</c>) or network (<c>KnownNetworks</c>, CIDR).
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Standalone:Proxies";

    public string[] KnownProxies { get; set; } = [];

    public string[] KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    /// <summary>Only the listed proxies; ASP.NET Core would otherwise trust loopback, and with both lists empty, everyone.</summary>
    public void ApplyTo(ForwardedHeadersOptions forwarded)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }
        foreach (var network in KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
