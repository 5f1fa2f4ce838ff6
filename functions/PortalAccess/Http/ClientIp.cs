using Microsoft.AspNetCore.Http;

namespace PortalAccess.Http;

/// <summary>Where a request came from, for the trail.</summary>
public static class ClientIp
{
    // The host resolves X-Forwarded-For into the remote address (the Functions worker's ASP.NET Core integration
    // does, for the hop from the Functions host; the Standalone host does the same), so the library never reads the
    // header itself: a second reading would take one hop too many.
    public static string? Of(HttpRequest request) => request.HttpContext.Connection.RemoteIpAddress?.ToString();
}
