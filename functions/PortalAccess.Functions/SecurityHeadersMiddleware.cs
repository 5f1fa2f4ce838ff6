using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Hosting;
using PortalAccess.Http;

namespace PortalAccess.Functions;

/// <summary>
/// The library's <see cref="SecurityHeaders"/> on every HTTP answer, as the Standalone host sends them, and HSTS outside
/// Development: the platform serves only HTTPS (httpsOnly) but sends no HSTS itself.
/// </summary>
public sealed class SecurityHeadersMiddleware(IHostEnvironment environment) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            SecurityHeaders.Apply(http.Response);
            if (!environment.IsDevelopment())
            {
                http.Response.Headers.StrictTransportSecurity = SecurityHeaders.StrictTransportSecurity;
            }
        }
        return next(context);
    }
}
