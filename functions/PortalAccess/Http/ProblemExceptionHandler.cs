using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PortalAccess.Storage;

namespace PortalAccess.Http;

/// <summary>
/// The one place an unexpected exception becomes an answer: logged (type and route, never the body),
/// answered with a problem that shows no internals. Malformed requests the server rejects keep their status; storage
/// that does not answer is a 503 with <c>Retry-After</c>, since the same request may well succeed later.
/// </summary>
public sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.TooLarge(JsonBody.MaxBytes),
            BadHttpRequestException bad => Problems.Problem(bad.StatusCode, "bad-request", "The request is malformed.",
                "The request could not be read."),
            _ when !httpContext.RequestAborted.IsCancellationRequested && StorageOutage.IsCause(exception) =>
                StorageUnavailable(httpContext, exception),
            _ => null,
        };
        if (result is null)
        {
            LogUnhandled(log, exception, httpContext.Request.Method, httpContext.Request.Path);
            result = Problems.Problem(500, "internal", "Something went wrong on our side.", "The error was logged; please retry later.");
        }
        await result.ExecuteAsync(httpContext);
        return true;
    }

    private IResult StorageUnavailable(HttpContext httpContext, Exception exception)
    {
        // one line per request, without the stack: during an outage every request fails the same way
        LogStorageUnavailable(log, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
        return Problems.StorageUnavailable(StorageOutage.RetryAfter);
    }

    [LoggerMessage(LogLevel.Warning, "Storage unavailable for {Method} {Path}: {ExceptionType} {Reason}; answered 503")]
    private static partial void LogStorageUnavailable(ILogger logger, string method, PathString path, string exceptionType, string reason);

    [LoggerMessage(LogLevel.Error, "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
