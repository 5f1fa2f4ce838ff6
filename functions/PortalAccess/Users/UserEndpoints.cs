using Microsoft.AspNetCore.Http;
using PortalAccess.Audit;
using PortalAccess.Auth;
using PortalAccess.Catalogs;
using PortalAccess.Http;
using PortalAccess.Storage;

namespace PortalAccess.Users;

/// <summary>The Users API: every handler needs the caller to hold <c>user-management</c>.</summary>
public sealed class UserEndpoints(CallerAccess access, PrincipalDirectory users, AuditLog audit, TimeProvider time)
{
    /// <summary>This feature's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("ListUsers", "GET", ApiRoutes.Users, RouteAccess.Public, "A page of users", Response: typeof(Page<UserDto>))
            { Handler = (HttpRequest r, UserEndpoints h, CancellationToken ct) => h.ListAsync(r, ct) },
        new("CreateUser", "POST", ApiRoutes.Users, RouteAccess.Public, "Create a user and send the activation mail", Request: typeof(UserRequest), Response: typeof(UserDto), Status: 201)
            { Handler = (HttpRequest r, UserEndpoints h, CancellationToken ct) => h.CreateAsync(r, ct) },
        new("GetUser", "GET", ApiRoutes.UserById, RouteAccess.Public, "One user", Response: typeof(UserDto))
            { Handler = (HttpRequest r, string id, UserEndpoints h, CancellationToken ct) => h.GetAsync(r, id, ct) },
        new("UpdateUser", "PUT", ApiRoutes.UserById, RouteAccess.Public, "Change name, email and areas of a user", Request: typeof(UserRequest), Response: typeof(UserDto))
            { Handler = (HttpRequest r, string id, UserEndpoints h, CancellationToken ct) => h.UpdateAsync(r, id, ct) },
        new("DeleteUser", "DELETE", ApiRoutes.UserById, RouteAccess.Public, "Delete a user", Status: 204)
            { Handler = (HttpRequest r, string id, UserEndpoints h, CancellationToken ct) => h.DeleteAsync(r, id, ct) },
        new("ResendUserActivation", "POST", ApiRoutes.UserActivationMail, RouteAccess.Public, "Send a new activation link", Status: 202)
            { Handler = (HttpRequest r, string id, UserEndpoints h, CancellationToken ct) => h.ResendActivationAsync(r, id, ct) },
    ];

    public Task<IResult> ListAsync(HttpRequest request, CancellationToken ct) =>
        access.ListAsync(request, Catalog.UserManagement, PrincipalGroup.User, Dto, ct);

    public async Task<IResult> CreateAsync(HttpRequest request, CancellationToken ct)
    {
        var (caller, denied) = await access.RequireAsync(request, Catalog.UserManagement, ct);
        if (denied is not null)
        {
            return denied;
        }
        var (body, invalid) = await ReadAsync(request, ct);
        if ((invalid ?? Problems.For(GrantCheck.CanGrant(caller!, body!.Areas!))) is { } problem)
        {
            return problem;
        }
        var draft = users.NewAccount(caller!.CustomerNumber, PrincipalKind.User, body!.Name!.Trim(), body.Email!.Trim(), body.Areas!.ToHashSet(), caller.Account);
        var create = await users.CreateAsync(draft, ct);
        if (!create.Done)
        {
            // a create meets no If-Match: whatever stopped it, the address belongs to someone else
            return Problems.For(Refusal.LoginTaken);
        }
        var created = create.Value;
        await audit.WriteAsync(request, caller, "user.created", created, AuditLog.Diff(
            ("name", null, created.Name), ("email", null, created.Email), ("areas", null, AuditLog.Sorted(created.Grants))), ct);
        ETags.Set(request.HttpContext, created.ETag);
        return TypedResults.Created(ApiRoutes.PathOf(ApiRoutes.UserById, created.Id), Dto(created));
    }

    public async Task<IResult> GetAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (_, user, problem) = await access.RequireTargetAsync(request, Catalog.UserManagement, PrincipalGroup.User, id, forWrite: false, ct);
        if (problem is not null)
        {
            return problem;
        }
        ETags.Set(request.HttpContext, user!.ETag);
        return TypedResults.Ok(Dto(user));
    }

    public async Task<IResult> UpdateAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (caller, user, problem) = await access.RequireTargetAsync(request, Catalog.UserManagement, PrincipalGroup.User, id, forWrite: true, ct);
        var (body, invalid) = problem is null ? await ReadAsync(request, ct) : default;
        var areas = body?.Areas!.ToHashSet();
        if ((problem ?? invalid ?? Problems.For(GrantCheck.CanUpdate(caller!, user!, areas!))) is { } refused)
        {
            return refused;
        }
        var update = await users.UpdateAsync(user!, user! with { Name = body!.Name!.Trim(), Email = body.Email!.Trim(), Grants = areas! }, ct);
        if (!update.Done)
        {
            return Problems.For(update.Refusal);
        }
        var saved = update.Value;
        ETags.Set(request.HttpContext, saved.ETag);
        await audit.WriteAsync(request, caller!, "user.updated", saved, AuditLog.Diff(("name", user!.Name, saved.Name),
            ("email", user.Email, saved.Email), ("areas", AuditLog.Sorted(user.Grants), AuditLog.Sorted(saved.Grants)), ("status", Status(user), Status(saved))), ct);
        return TypedResults.Ok(Dto(saved));
    }

    public async Task<IResult> DeleteAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (caller, user, problem) = await access.RequireTargetAsync(request, Catalog.UserManagement, PrincipalGroup.User, id, forWrite: true, ct);
        if ((problem ?? Problems.For(GrantCheck.CanDelete(caller!, user!))) is { } refused)
        {
            return refused;
        }
        if (await users.DeleteAsync(user!, ct) is { } stale)
        {
            return Problems.For(stale);
        }
        await audit.WriteAsync(request, caller!, "user.deleted", user!, AuditLog.Diff(
            ("name", user!.Name, null), ("email", user.Email, null), ("areas", AuditLog.Sorted(user.Grants), null)), ct);
        return TypedResults.NoContent();
    }

    public async Task<IResult> ResendActivationAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (caller, user, problem) = await access.RequireTargetAsync(request, Catalog.UserManagement, PrincipalGroup.User, id, forWrite: false, ct);
        if ((problem ?? Problems.For(GrantCheck.CanManage(caller!, user!)) ?? (user!.Status == AccountStatus.Invited ? null
                : Problems.Conflict("not-invited", "The user has activated their login already."))) is { } refused)
        {
            return refused;
        }
        var resent = await users.ResendAsync(user!, ct);
        if (!resent.Done)
        {
            return Problems.For(resent.Refusal);
        }
        var saved = resent.Value;
        ETags.Set(request.HttpContext, saved.ETag);
        await audit.WriteAsync(request, caller!, "user.activation-resent", saved, null, ct);
        return TypedResults.Accepted(ApiRoutes.PathOf(ApiRoutes.UserById, id));
    }

    private static async Task<(UserRequest? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadValidAsync<UserRequest>(request, UserValidation.Validate, ct);
        return (body.Value, body.Problem);
    }

    private static string Status(Account a) => UserDto.From(a).Status;

    private UserDto Dto(Account a) => UserDto.From(a, time.GetUtcNow());
}
