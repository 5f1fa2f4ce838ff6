using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;
using PortalAccess.Http;

namespace PortalAccess.Functions;

/// <summary>
/// What ASP.NET Core's rate limiter does on the Standalone host, with the same rule (<see cref="AuthRateLimits"/>): the
/// functions of rate-limited routes take a permit of their client address's window before they run, or answer 429.
/// </summary>
public sealed class RateLimitMiddleware : IFunctionsWorkerMiddleware, IDisposable
{
    private static readonly HashSet<string> Limited = [.. PortalApi.Routes.Where(r => r.RateLimited).Select(r => r.Name)];

    private readonly RateLimitOptions limits;
    private readonly PartitionedRateLimiter<HttpContext> clients;

    public RateLimitMiddleware(IOptions<PortalAccessOptions> options)
    {
        limits = options.Value.RateLimits;
        clients = PartitionedRateLimiter.Create<HttpContext, string>(context => AuthRateLimits.ClientPartition(context, limits));
    }

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (Limited.Contains(context.FunctionDefinition.Name) && context.GetHttpContext() is { } http)
        {
            using var lease = clients.AttemptAcquire(http);
            if (!lease.IsAcquired)
            {
                await AuthRateLimits.Refused(lease, limits).ExecuteAsync(http);
                return;
            }
        }
        await next(context);
    }

    public void Dispose() => clients.Dispose();
}
