using Microsoft.AspNetCore.Http;

namespace PortalAccess.Http;

/// <summary>Where a request came from, for the trail.</summary>
public static class ClientIp
{
    // The host resolves X-Forwarded-For into the remote address, and only for a peer it trusts: the Functions worker's
    // ASP.NET Core integration takes the last entry, which in Azure the platform's front end appends (whatever a client
    // wrote before it stays ignored); the Standalone host only behind a configured proxy (Standalone:Proxies), else
    // the connection's own address. The library never reads the header itself: a second reading would trust one hop
    // too many.
    public static string? Of(HttpRequest request) => request.HttpContext.Connection.RemoteIpAddress?.ToString();
}
