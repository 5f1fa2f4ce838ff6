using Microsoft.AspNetCore.Http;
using PortalAccess.Auth.Callers;
using PortalAccess.Catalogs;
using PortalAccess.Http;

namespace PortalAccess.Audit;

/// <summary><c>GET /api/audit</c>: the owner and holders of <c>user-management</c> read their customer's trail, newest first.</summary>
public sealed class AuditEndpoints(CallerAccess access, AuditLog log)
{
    /// <summary>This feature's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("ListAudit", "GET", ApiRoutes.Audit, RouteAccess.Bearer, "A page of the audit trail, newest first",
            Response: typeof(Page<AuditEntry>))
        {
            Refusals = [400],
            Handler = (HttpRequest r, AuditEndpoints h, CancellationToken ct) => h.ListAsync(r, ct),
        },
    ];

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken ct)
    {
        var call = await access.PageAsync(request, Catalog.UserManagement, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, page) = call.Value;
        var (items, last) = await log.ListAsync(caller.CustomerNumber, page.PageSize, page.AfterKey, ct);
        return TypedResults.Ok(new Page<AuditEntry>(items, PageRequest.Encode(last)));
    }
}
