using Microsoft.AspNetCore.Http;
using PortalAccess.Storage;

namespace PortalAccess.Http;

public sealed record HealthDto(string Status);

public sealed class HealthEndpoints(StorageTables storage)
{
    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken ct) =>
        await storage.IsReachableAsync(ct)
            ? TypedResults.Ok(new HealthDto("ok"))
            : Problems.ServiceUnavailable("Storage does not answer.");
}
