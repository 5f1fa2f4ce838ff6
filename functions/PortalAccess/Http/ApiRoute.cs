using Microsoft.AspNetCore.Http;

namespace PortalAccess.Http;

/// <summary>
/// One endpoint of API.md. <see cref="Template"/> is relative to the <c>api</c> prefix, as Functions routes are; the
/// body and answer types and the success status describe it in the OpenAPI document; <see cref="Handler"/> is what the
/// Standalone host maps it to (the Functions app has one <c>[Function]</c> per row, generated into ApiFunctions.g.cs).
/// </summary>
public sealed record ApiRoute(string Name, string Method, string Template, RouteAccess Access, string Summary,
    Type? Request = null, Type? Response = null, int Status = 200)
{
    /// <summary>The handler: its parameters are bound by ASP.NET Core (request, route values, services, cancellation).</summary>
    public required Delegate Handler { get; init; }

    /// <summary>A body that is read and validated without a <see cref="Request"/> type of its own (CloudEvents batches).</summary>
    public bool ReadsBody { get; init; }

    /// <summary>
    /// An anonymous route an attacker would hammer: limited per client address and per login (<see
    /// cref="AuthRateLimits"/>).
    /// </summary>
    public bool RateLimited { get; init; }

    /// <summary>Whether the route can answer 400 with validation errors.</summary>
    public bool Validates => Request is not null || ReadsBody || Refusals.Contains(StatusCodes.Status400BadRequest);

    /// <summary>Problem statuses the route answers beyond those its shape implies (<see cref="ProblemStatuses"/>).</summary>
    public IReadOnlyList<int> Refusals { get; init; } = [];

    /// <summary>A request body as a client would send it, for the OpenAPI document.</summary>
    public object? Example { get; init; }

    /// <summary>
    /// Every problem status the route can answer: what its shape implies (a body: 400, 413, and 415 for JSON; a bearer
    /// token: 401 and 403; one principal: 404, and 412 for a write; the system key: 401; a rate limit: 429), and its
    /// <see cref="Refusals"/>.
    /// </summary>
    public IEnumerable<int> ProblemStatuses()
    {
        var bearerTarget = Access == RouteAccess.Bearer && Template.Contains('{', StringComparison.Ordinal);
        var implied = new (bool When, int Status)[]
        {
            (Validates, StatusCodes.Status400BadRequest),
            (Access != RouteAccess.Public, StatusCodes.Status401Unauthorized),
            (Access == RouteAccess.Bearer, StatusCodes.Status403Forbidden),
            (bearerTarget, StatusCodes.Status404NotFound),
            (bearerTarget && Method is "PUT" or "DELETE", StatusCodes.Status412PreconditionFailed),
            (Request is not null || ReadsBody, StatusCodes.Status413PayloadTooLarge),
            (Request is not null, StatusCodes.Status415UnsupportedMediaType),
            (RateLimited, StatusCodes.Status429TooManyRequests),
        };
        return implied.Where(i => i.When).Select(i => i.Status).Concat(Refusals).Distinct().Order();
    }
}
