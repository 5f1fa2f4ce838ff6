using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PortalAccess.Http;

namespace PortalAccess.Functions;

/// <summary>Liveness with a storage round trip (<see cref="HealthEndpoints"/>).</summary>
public sealed class HealthFunctions(HealthEndpoints health)
{
    [Function("GetHealth")]
    public Task<IResult> GetHealth([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest req, CancellationToken ct) =>
        health.GetAsync(req, ct);
}
