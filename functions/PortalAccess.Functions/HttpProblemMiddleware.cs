using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using PortalAccess.Http;

namespace PortalAccess.Functions;

/// <summary>
/// What <c>UseExceptionHandler</c> does in the Standalone host: an exception thrown by an HTTP function is answered
/// by the library's <see cref="ProblemExceptionHandler"/> (logged, 500 problem without internals). Other triggers
/// keep throwing, so that the queue retries.
/// </summary>
public sealed class HttpProblemMiddleware(ProblemExceptionHandler problems) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { } httpContext)
        {
            await problems.TryHandleAsync(httpContext, exception, context.CancellationToken);
        }
    }
}
