using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PortalAccess.Audit;
using PortalAccess.Http;

namespace PortalAccess.Functions;

/// <summary>The customer's audit trail (<see cref="AuditEndpoints"/>).</summary>
public sealed class AuditFunctions(AuditEndpoints audit)
{
    [Function("ListAudit")]
    public Task<IResult> ListAudit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Audit)] HttpRequest req, CancellationToken ct) =>
        audit.ListAsync(req, ct);
}
