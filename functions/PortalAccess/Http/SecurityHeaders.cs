using Microsoft.AspNetCore.Http;

namespace PortalAccess.Http;

/// <summary>
/// The headers every answer of both hosts carries: <c>X-Content-Type-Options: nosniff</c>, and
/// <c>Cache-Control: no-store</c> unless the answer sets its own (tokens, principals and the trail must never sit in
/// a shared or browser cache; the portal's static files say <c>no-cache</c> themselves). HSTS is the host's:
/// ASP.NET Core's <c>UseHsts</c> on the Standalone host, <see cref="StrictTransportSecurity"/> in the Functions app.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>One year, subdomains included: the API is HTTPS-only in Azure (httpsOnly in infra/app/api.bicep).</summary>
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>
    /// Sets the headers as the answer starts, so that neither a handler nor an exception handler that clears the
    /// response loses them; an answer's own <c>Cache-Control</c> wins.
    /// </summary>
    public static void Apply(HttpResponse response) =>
        response.OnStarting(() =>
        {
            response.Headers.XContentTypeOptions = "nosniff";
            if (!response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.CacheControl))
            {
                response.Headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
}
