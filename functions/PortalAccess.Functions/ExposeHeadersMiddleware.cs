using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace PortalAccess.Functions;

/// <summary>
/// The platform answers CORS for the Function App (infra/app/api.bicep) but exposes no response headers, so a browser
/// frontend could not read <c>ETag</c> (needed for <c>If-Match</c>) or <c>Location</c>. This adds only the expose
/// list; <c>Access-Control-Allow-Origin</c> stays the platform's, since two copies break the browser.
/// </summary>
public sealed class ExposeHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public const string Exposed = "ETag, Location";

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            http.Response.Headers.AccessControlExposeHeaders = Exposed;
        }
        return next(context);
    }
}
