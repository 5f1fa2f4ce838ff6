using Microsoft.AspNetCore.Http;
using PortalAccess.Auth;
using PortalAccess.Catalogs;
using PortalAccess.Http;
using PortalAccess.Storage;
using PortalAccess.Users;

namespace PortalAccess.OfficeDesks;

/// <summary>The OfficeDesks API: every handler needs the caller to hold <c>cloud-pbx</c>. SIP desks are read-only here.</summary>
public sealed class OfficeDeskEndpoints(CallerAccess access, DeskManagement desks, TimeProvider time)
    : PrincipalEndpoints<DeskChange, DeskDto>(access, desks, Catalog.CloudPbx, PrincipalGroup.Desk, ApiRoutes.OfficeDeskById)
{
    /// <summary>This feature's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("ListOfficeDesks", "GET", ApiRoutes.OfficeDesks, RouteAccess.Public, "A page of PBX and SIP desks", Response: typeof(Page<DeskDto>))
            { Handler = (HttpRequest r, OfficeDeskEndpoints h, CancellationToken ct) => h.ListAsync(r, ct) },
        new("CreateOfficeDesk", "POST", ApiRoutes.OfficeDesks, RouteAccess.Public, "Create a PBX desk and send the welcome mail", Request: typeof(DeskRequest), Response: typeof(DeskDto), Status: 201)
            { Handler = (HttpRequest r, OfficeDeskEndpoints h, CancellationToken ct) => h.CreateAsync(r, ct) },
        new("GetOfficeDesk", "GET", ApiRoutes.OfficeDeskById, RouteAccess.Public, "One desk", Response: typeof(DeskDto))
            { Handler = (HttpRequest r, string id, OfficeDeskEndpoints h, CancellationToken ct) => h.GetAsync(r, id, ct) },
        new("UpdateOfficeDesk", "PUT", ApiRoutes.OfficeDeskById, RouteAccess.Public, "Change a PBX desk", Request: typeof(DeskRequest), Response: typeof(DeskDto))
            { Handler = (HttpRequest r, string id, OfficeDeskEndpoints h, CancellationToken ct) => h.UpdateAsync(r, id, ct) },
        new("DeleteOfficeDesk", "DELETE", ApiRoutes.OfficeDeskById, RouteAccess.Public, "Delete a PBX desk", Status: 204)
            { Handler = (HttpRequest r, string id, OfficeDeskEndpoints h, CancellationToken ct) => h.DeleteAsync(r, id, ct) },
        new("ResendOfficeDeskActivation", "POST", ApiRoutes.OfficeDeskActivationMail, RouteAccess.Public, "Send a new welcome link", Status: 202)
            { Handler = (HttpRequest r, string id, OfficeDeskEndpoints h, CancellationToken ct) => h.ResendActivationAsync(r, id, ct) },
    ];

    protected override Task<Checked<DeskChange>> ReadAsync(HttpRequest request, CancellationToken ct) =>
        JsonBody.ReadCheckedAsync<DeskRequest, DeskChange>(request, DeskValidation.Validate, b => b.Validated(), ct);

    protected override DeskDto Dto(Account a) => DeskDto.From(a, time.GetUtcNow());
}
