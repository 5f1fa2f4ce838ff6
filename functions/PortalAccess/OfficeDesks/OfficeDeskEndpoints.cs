using Microsoft.AspNetCore.Http;
using PortalAccess.Audit;
using PortalAccess.Auth;
using PortalAccess.Catalogs;
using PortalAccess.Http;
using PortalAccess.Storage;
using PortalAccess.Users;

namespace PortalAccess.OfficeDesks;

/// <summary>The OfficeDesks API: every handler needs the caller to hold <c>cloud-pbx</c>. SIP desks are read-only here.</summary>
public sealed class OfficeDeskEndpoints(CallerAccess access, PrincipalDirectory directory, AuditLog audit, TimeProvider time)
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

    public Task<IResult> ListAsync(HttpRequest request, CancellationToken ct) =>
        access.ListAsync(request, Catalog.CloudPbx, PrincipalGroup.Desk, Dto, ct);

    public async Task<IResult> CreateAsync(HttpRequest request, CancellationToken ct)
    {
        var call = await access.WithBodyAsync(request, Catalog.CloudPbx, ReadAsync, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, body) = call.Value;
        var draft = directory.NewAccount(caller.CustomerNumber, PrincipalKind.PbxDesk, body.Name, body.Email, body.Features, caller.Account)
            with { Extension = body.Extension, Source = DeskSources.Manual };
        var create = await directory.CreateAsync(draft, ct);
        if (!create.Done)
        {
            // a create meets no If-Match: whatever stopped it, the address belongs to someone else
            return Problems.For(Refusal.LoginTaken);
        }
        var created = create.Value;
        await audit.WriteAsync(request, caller, "desk.created", created, AuditLog.Diff(("name", null, created.Name), ("email", null, created.Email),
            ("extension", null, created.Extension), ("features", null, AuditLog.Sorted(created.Grants))), ct);
        ETags.Set(request.HttpContext, created.ETag);
        return TypedResults.Created(ApiRoutes.PathOf(ApiRoutes.OfficeDeskById, created.Id), Dto(created));
    }

    public async Task<IResult> GetAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await access.TargetAsync(request, Catalog.CloudPbx, PrincipalGroup.Desk, id, forWrite: false, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        ETags.Set(request.HttpContext, call.Value.Target.ETag);
        return TypedResults.Ok(Dto(call.Value.Target));
    }

    public async Task<IResult> UpdateAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await access.TargetWithBodyAsync(request, Catalog.CloudPbx, PrincipalGroup.Desk, id, ReadAsync, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, desk, body) = call.Value;
        if (Problems.For(ManagedByEvents(desk)) is { } refused)
        {
            return refused;
        }
        var update = await directory.UpdateAsync(desk, desk with { Name = body.Name, Email = body.Email, Extension = body.Extension, Grants = body.Features }, ct);
        if (!update.Done)
        {
            return Problems.For(update.Refusal);
        }
        var saved = update.Value;
        await audit.WriteAsync(request, caller, "desk.updated", saved, AuditLog.Diff(("name", desk.Name, saved.Name), ("email", desk.Email, saved.Email),
            ("extension", desk.Extension, saved.Extension), ("features", AuditLog.Sorted(desk.Grants), AuditLog.Sorted(saved.Grants))), ct);
        ETags.Set(request.HttpContext, saved.ETag);
        return TypedResults.Ok(Dto(saved));
    }

    public async Task<IResult> DeleteAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await access.TargetAsync(request, Catalog.CloudPbx, PrincipalGroup.Desk, id, forWrite: true, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, desk) = call.Value;
        if (Problems.For(ManagedByEvents(desk) ?? await directory.DeleteAsync(desk, ct)) is { } refused)
        {
            return refused;
        }
        await audit.WriteAsync(request, caller, "desk.deleted", desk, null, ct);
        return TypedResults.NoContent();
    }

    public async Task<IResult> ResendActivationAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await access.TargetAsync(request, Catalog.CloudPbx, PrincipalGroup.Desk, id, forWrite: false, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, desk) = call.Value;
        if (Problems.For(ManagedByEvents(desk) ?? NotInvited(desk)) is { } refused)
        {
            return refused;
        }
        var resent = await directory.ResendAsync(desk, ct);
        if (!resent.Done)
        {
            return Problems.For(resent.Refusal);
        }
        await audit.WriteAsync(request, caller, "desk.activation-resent", resent.Value, null, ct);
        return TypedResults.Accepted(ApiRoutes.PathOf(ApiRoutes.OfficeDeskById, id));
    }

    private static Refusal? NotInvited(Account desk) =>
        desk.Status == AccountStatus.Invited ? null : Refusal.Conflict("not-invited", "The desk has set its password already.");

    private static Task<Checked<DeskChange>> ReadAsync(HttpRequest request, CancellationToken ct) =>
        JsonBody.ReadCheckedAsync<DeskRequest, DeskChange>(request, DeskValidation.Validate, b => b.Validated(), ct);

    /// <summary>SIP desks follow the telephony system's SIP accounts; only events change them.</summary>
    private static Refusal? ManagedByEvents(Account desk) => desk.Kind == PrincipalKind.SipDesk
        ? Refusal.Conflict("managed-by-telephony", "SIP desks follow the SIP accounts of the telephony system and cannot be changed here.")
        : null;

    private DeskDto Dto(Account a) => DeskDto.From(a, time.GetUtcNow());
}
