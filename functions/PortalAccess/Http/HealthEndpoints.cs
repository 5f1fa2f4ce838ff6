using Microsoft.AspNetCore.Http;
using PortalAccess.Storage;

namespace PortalAccess.Http;

public sealed class HealthEndpoints(StorageAccount storage)
{
    /// <summary>This feature's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("GetHealth", "GET", ApiRoutes.Health, RouteAccess.Public, "Whether storage answers", Response: typeof(HealthDto))
        {
            Refusals = [503],
            Handler = (HttpRequest r, HealthEndpoints h, CancellationToken ct) => h.GetAsync(r, ct),
        },
    ];

    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken ct) =>
        await storage.IsReachableAsync(ct)
            ? TypedResults.Ok(new HealthDto("ok"))
            : Problems.StorageUnavailable(StorageOutage.RetryAfter);
}
