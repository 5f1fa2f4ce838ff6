using Microsoft.AspNetCore.Http;

namespace PortalAccess.FunctionsTestHost.Http;

/// <summary>The test host's own answers when the worker cannot answer, as application/problem+json like the app's.</summary>
internal static class Problems
{
    private const string TypeBase = "https://portalaccess.dev/problems/";

    public static Task WorkerUnavailable(HttpContext context, string reason) =>
        Write(context, StatusCodes.Status503ServiceUnavailable, "worker-unavailable", "Service Unavailable", $"The Functions worker is not available: {reason}.");

    public static Task BadGateway(HttpContext context) =>
        Write(context, StatusCodes.Status502BadGateway, "bad-gateway", "Bad Gateway", "The Functions worker did not answer the forwarded request.");

    public static Task FunctionFailed(HttpContext context, string function) =>
        Write(context, StatusCodes.Status500InternalServerError, "function-failed", "Internal Server Error", $"Function {function} failed without an HTTP answer.");

    private static Task Write(HttpContext context, int status, string type, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: TypeBase + type).ExecuteAsync(context);
}
