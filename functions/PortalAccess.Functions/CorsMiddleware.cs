using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Net.Http.Headers;

namespace PortalAccess.Functions;

/// <summary>
/// What ASP.NET Core's CORS middleware does in the Standalone host, with the same policy (<see cref="PortalCors"/>): a
/// request from a listed origin gets its CORS headers, and a preflight is answered here with 204 (and
/// <c>Access-Control-Max-Age</c>) before any function runs. Preflights reach the worker because the platform's CORS is
/// off (infra/app/api.bicep) and every path takes OPTIONS through a function of its own
/// (a route-miss function, <see cref="ApiFunctions"/>).
/// </summary>
public sealed class CorsMiddleware(ICorsService cors, ICorsPolicyProvider policies) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http || !http.Request.Headers.ContainsKey(HeaderNames.Origin)
            || await policies.GetPolicyAsync(http, policyName: null) is not { } policy)
        {
            await next(context);
            return;
        }
        var result = cors.EvaluatePolicy(http, policy);
        cors.ApplyResult(result, http.Response);
        if (result.IsPreflightRequest)
        {
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        await next(context);
    }
}
