using Microsoft.AspNetCore.Http;
using PortalAccess.Auth.Callers;
using PortalAccess.Catalogs;
using PortalAccess.Http;
using PortalAccess.Principals;

namespace PortalAccess.OfficeDesks;

/// <summary>The OfficeDesks API: every handler needs the caller to hold <c>cloud-pbx</c>. SIP desks are read-only here.</summary>
public sealed class OfficeDeskEndpoints(CallerAccess access, PrincipalTargets targets, DeskManagement desks, TimeProvider time)
    : PrincipalEndpoints<DeskChange, DeskDto>(access, targets, desks, Catalog.CloudPbx, PrincipalGroup.Desk, ApiRoutes.OfficeDeskById)
{
    /// <summary>This feature's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("ListOfficeDesks", "GET", ApiRoutes.OfficeDesks, RouteAccess.Bearer, "A page of PBX and SIP desks",
            Response: typeof(Page<DeskDto>))
        {
            Refusals = [400],
            Handler = (HttpRequest r, OfficeDeskEndpoints h, CancellationToken ct) => h.ListAsync(r, ct),
        },
        new("CreateOfficeDesk", "POST", ApiRoutes.OfficeDesks, RouteAccess.Bearer, "Create a PBX desk and send the welcome mail",
            Request: typeof(DeskRequest), Response: typeof(DeskDto), Status: 201)
        {
            Refusals = [409],
            Example = new DeskRequest("Empfang", "empfang@example.com", "201", ["voicemail", "call-list"]),
            Handler = (HttpRequest r, OfficeDeskEndpoints h, CancellationToken ct) => h.CreateAsync(r, ct),
        },
        new("GetOfficeDesk", "GET", ApiRoutes.OfficeDeskById, RouteAccess.Bearer, "One desk", Response: typeof(DeskDto))
        {
            Handler = (HttpRequest r, string id, OfficeDeskEndpoints h, CancellationToken ct) => h.GetAsync(r, id, ct),
        },
        new("UpdateOfficeDesk", "PUT", ApiRoutes.OfficeDeskById, RouteAccess.Bearer, "Change a PBX desk", Request: typeof(DeskRequest),
            Response: typeof(DeskDto))
        {
            Refusals = [409],
            Example = new DeskRequest("Empfang Nord", "empfang@example.com", "202", ["voicemail"]),
            Handler = (HttpRequest r, string id, OfficeDeskEndpoints h, CancellationToken ct) => h.UpdateAsync(r, id, ct),
        },
        new("DeleteOfficeDesk", "DELETE", ApiRoutes.OfficeDeskById, RouteAccess.Bearer, "Delete a PBX desk", Status: 204)
        {
            Refusals = [409],
            Handler = (HttpRequest r, string id, OfficeDeskEndpoints h, CancellationToken ct) => h.DeleteAsync(r, id, ct),
        },
        new("ResendOfficeDeskActivation", "POST", ApiRoutes.OfficeDeskActivationMail, RouteAccess.Bearer, "Send a new welcome link",
            Status: 202)
        {
            Refusals = [409],
            Handler = (HttpRequest r, string id, OfficeDeskEndpoints h, CancellationToken ct) => h.ResendActivationAsync(r, id, ct),
        },
    ];

    protected override Task<Checked<DeskChange>> ReadAsync(HttpRequest request, CancellationToken ct) =>
        JsonBody.ReadCheckedAsync<DeskRequest, DeskChange>(request, DeskValidation.Validate, b => b.Validated(), ct);

    protected override DeskDto Dto(Account a) => DeskDto.From(a, time.GetUtcNow());
}
