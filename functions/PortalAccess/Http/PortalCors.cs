using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PortalAccess.Http;

/// <summary>
/// The one CORS policy of both hosts, from <c>PortalAccess:Cors:AllowedOrigins</c>: the Standalone host applies it with
/// ASP.NET Core's CORS middleware, the Functions app with <c>CorsMiddleware</c>, since the platform's CORS drops
/// <c>Access-Control-Max-Age</c> (Azure/Azure-Functions#1277) and exposes no headers; infra/app/api.bicep turns it off.
/// </summary>
public static class PortalCors
{
    /// <summary>
    /// How long a browser may reuse a preflight answer: Chromium caps it at 2 h (Firefox at 24 h), so every
    /// cross-origin call does not cost a second round trip.
    /// </summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromHours(2);

    /// <summary>What a browser frontend must read: <c>ETag</c> for <c>If-Match</c>, <c>Location</c> of what it created.</summary>
    public static readonly string[] ExposedHeaders = ["ETag", "Location"];

    public static IServiceCollection AddPortalCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<PortalAccessOptions>>((cors, portal) => cors.AddDefaultPolicy(policy => policy
                .WithOrigins(portal.Value.Cors.AllowedOrigins)
                .AllowAnyHeader()
                .WithMethods("GET", "POST", "PUT", "DELETE")
                .WithExposedHeaders(ExposedHeaders)
                .SetPreflightMaxAge(PreflightMaxAge)));
        return services;
    }
}
