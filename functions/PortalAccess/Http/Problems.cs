using Microsoft.AspNetCore.Http;

namespace PortalAccess.Http;

/// <summary>Every error answer of the API, as RFC 9457 problem details with a stable <c>type</c>.</summary>
public static class Problems
{
    public const string TypeBase = "https://portalaccess.dev/problems/";

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid.", type: TypeBase + "validation");

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>401 with <c>WWW-Authenticate: Bearer</c>; the body is the same whatever the reason.</summary>
    public static IResult Unauthorized() => new BearerChallenge();

    /// <summary>Every failed sign-in gets exactly this answer, whatever the reason (DESIGN.md rule 7).</summary>
    /// <remarks>Written without the per-request <c>traceId</c>, so every such answer is byte-identical (rule 7).</remarks>
    public static IResult InvalidCredentials() =>
        TypedResults.Json(InvalidCredentialsBody, JsonBody.Options, "application/problem+json", 401);

    private static readonly Microsoft.AspNetCore.Mvc.ProblemDetails InvalidCredentialsBody = new()
    {
        Type = TypeBase + "invalid-credentials",
        Title = "Sign-in failed.",
        Status = 401,
        Detail = "The login or the password is wrong, or the account cannot sign in.",
    };

    public static IResult Forbidden(string detail) => Problem(403, "forbidden", "Not allowed.", detail);

    /// <summary>A rule of no privilege escalation was hit (DESIGN.md rule 2).</summary>
    public static IResult Escalation(string detail) => Problem(403, "escalation", "That would exceed your own rights.", detail);

    public static IResult NotFound() => Problem(404, "not-found", "Not found.", "There is no such resource.");

    /// <summary>No route has this path (what a host answers when nothing matched).</summary>
    public static IResult NoSuchRoute() => Problem(404, "not-found", "Not found.", "No route of this API has this path.");

    public static IResult MethodNotAllowed() =>
        Problem(405, "method-not-allowed", "Method not allowed.", "This route does not take this HTTP method.");

    public static IResult Conflict(string code, string detail) => Problem(409, code, "Conflict.", detail);

    /// <summary>The email (the login) of a user or desk belongs to another principal already.</summary>
    public static IResult LoginTaken() => Conflict(LoginTakenCode, "This email address is already used by another login.");

    public const string LoginTakenCode = "login-taken";

    /// <summary>The one translation of a refused domain operation into its problem answer; null for none.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(refusal))]
    public static IResult? For(Refusal? refusal) => refusal?.Kind switch
    {
        null => null,
        RefusalKind.NotFound => NotFound(),
        RefusalKind.Invalid => Validation(refusal.Field!, refusal.Detail!),
        RefusalKind.NotAllowed => Forbidden(refusal.Detail!),
        RefusalKind.Escalation => Escalation(refusal.Detail!),
        RefusalKind.LoginTaken => LoginTaken(),
        RefusalKind.Conflict => Conflict(refusal.Code!, refusal.Detail!),
        RefusalKind.Stale => PreconditionFailed(),
        RefusalKind.Gone => Gone(),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, "Every refusal has an answer."),
    };

    /// <summary>204 for an operation that was done, else the problem of its refusal.</summary>
    public static IResult OrNoContent(Refusal? refusal) => For(refusal) ?? TypedResults.NoContent();

    public static IResult PreconditionFailed() =>
        Problem(412, "stale", "The resource has changed.", "The resource was changed since you read it; read it again and retry.");

    public static IResult Gone() => Problem(410, "link-unusable", "This link can no longer be used.",
        "The link has expired, was used already or was replaced by a newer one.");

    public static IResult UnsupportedMediaType(string mediaType) =>
        Problem(415, "unsupported-media-type", "Unsupported media type.",
            $"Send the body as {mediaType} (UTF-8) with a matching Content-Type header.");

    public static IResult TooLarge(int limit) =>
        Problem(413, "too-large", "The request body is too large.", $"Request bodies are limited to {limit} bytes.");

    public static IResult ServiceUnavailable(string detail) => Problem(503, "unavailable", "Service unavailable.", detail);

    /// <summary>
    /// 503 with <c>Retry-After</c>: storage does not answer, so nothing was decided; the same request may be sent again
    /// later.
    /// </summary>
    public static IResult StorageUnavailable(TimeSpan retryAfter) =>
        new RetryLater(retryAfter, 503, "storage-unavailable", "Service unavailable, retry later.",
            "Storage does not answer right now; retry in {0} s.");

    /// <summary>503 with <c>Retry-After</c> (whole seconds, at least 1): too much work is queued to take this request now.</summary>
    public static IResult Busy(TimeSpan retryAfter) => new RetryLater(retryAfter);

    public static IResult Problem(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + code);

    /// <summary>429 with <c>Retry-After</c>: this caller or this login asked too often (<see cref="AuthRateLimits"/>).</summary>
    public static IResult TooManyRequests(TimeSpan retryAfter) => new RetryLater(retryAfter, 429, "too-many-requests", "Too many requests.",
        "Too many requests from this address or for this login; retry in {0} s.");

    private sealed class RetryLater(TimeSpan retryAfter, int status = 503, string code = "busy", string title = "Too busy, retry later.",
        string detail = "Too many passwords are being checked right now; retry in {0} s.") : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var seconds = (long)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
            var text = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            httpContext.Response.Headers.RetryAfter = text;
            return Problem(status, code, title, string.Format(System.Globalization.CultureInfo.InvariantCulture, detail, text))
                .ExecuteAsync(httpContext);
        }
    }

    private sealed class BearerChallenge : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(401, "unauthorized", "Authentication required.", "Sign in and send the access token as a Bearer token.")
                .ExecuteAsync(httpContext);
        }
    }
}
