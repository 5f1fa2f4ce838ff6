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
        var (caller, denied) = await access.RequireAsync(request, Catalog.CloudPbx, ct);
        var body = denied is null ? await JsonBody.ReadValidAsync<DeskRequest>(request, DeskValidation.Validate, ct) : default;
        if ((denied ?? body.Problem) is { } problem)
        {
            return problem;
        }
        var r = body.Value!;
        var draft = directory.NewAccount(caller!.CustomerNumber, PrincipalKind.PbxDesk, r.Name!.Trim(), r.Email!.Trim(), r.Features!.ToHashSet(), caller.Account)
            with { Extension = r.Extension, Source = DeskSources.Manual };
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
        var (_, desk, problem) = await access.RequireTargetAsync(request, Catalog.CloudPbx, PrincipalGroup.Desk, id, forWrite: false, ct);
        if (problem is not null)
        {
            return problem;
        }
        ETags.Set(request.HttpContext, desk!.ETag);
        return TypedResults.Ok(Dto(desk));
    }

    public async Task<IResult> UpdateAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (caller, desk, problem) = await access.RequireTargetAsync(request, Catalog.CloudPbx, PrincipalGroup.Desk, id, forWrite: true, ct);
        var body = problem is null ? await JsonBody.ReadValidAsync<DeskRequest>(request, DeskValidation.Validate, ct) : default;
        if ((problem ?? body.Problem ?? ManagedByEvents(desk!)) is { } refused)
        {
            return refused;
        }
        var r = body.Value!;
        var update = await directory.UpdateAsync(desk!,
            desk! with { Name = r.Name!.Trim(), Email = r.Email!.Trim(), Extension = r.Extension, Grants = r.Features!.ToHashSet() }, ct);
        if (!update.Done)
        {
            return Problems.For(update.Refusal);
        }
        var saved = update.Value;
        await audit.WriteAsync(request, caller!, "desk.updated", saved, AuditLog.Diff(("name", desk.Name, saved.Name), ("email", desk.Email, saved.Email),
            ("extension", desk.Extension, saved.Extension), ("features", AuditLog.Sorted(desk.Grants), AuditLog.Sorted(saved.Grants))), ct);
        ETags.Set(request.HttpContext, saved.ETag);
        return TypedResults.Ok(Dto(saved));
    }

    public async Task<IResult> DeleteAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (caller, desk, problem) = await access.RequireTargetAsync(request, Catalog.CloudPbx, PrincipalGroup.Desk, id, forWrite: true, ct);
        if ((problem ?? ManagedByEvents(desk!)) is { } refused)
        {
            return refused;
        }
        if (await directory.DeleteAsync(desk!, ct) is { } stale)
        {
            return Problems.For(stale);
        }
        await audit.WriteAsync(request, caller!, "desk.deleted", desk!, null, ct);
        return TypedResults.NoContent();
    }

    public async Task<IResult> ResendActivationAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (caller, desk, problem) = await access.RequireTargetAsync(request, Catalog.CloudPbx, PrincipalGroup.Desk, id, forWrite: false, ct);
        if ((problem ?? ManagedByEvents(desk!) ?? (desk!.Status == AccountStatus.Invited ? null
                : Problems.Conflict("not-invited", "The desk has set its password already."))) is { } refused)
        {
            return refused;
        }
        var resent = await directory.ResendAsync(desk!, ct);
        if (!resent.Done)
        {
            return Problems.For(resent.Refusal);
        }
        var saved = resent.Value;
        await audit.WriteAsync(request, caller!, "desk.activation-resent", saved, null, ct);
        return TypedResults.Accepted(ApiRoutes.PathOf(ApiRoutes.OfficeDeskById, id));
    }

    /// <summary>SIP desks follow the telephony system's SIP accounts; only events change them.</summary>
    private static IResult? ManagedByEvents(Account desk) => desk.Kind == PrincipalKind.SipDesk
        ? Problems.Conflict("managed-by-telephony", "SIP desks follow the SIP accounts of the telephony system and cannot be changed here.")
        : null;

    private DeskDto Dto(Account a) => DeskDto.From(a, time.GetUtcNow());
}
