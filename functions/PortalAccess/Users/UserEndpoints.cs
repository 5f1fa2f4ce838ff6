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
        var call = await access.WithBodyAsync(request, Catalog.UserManagement, ReadAsync, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, body) = call.Value;
        if (Problems.For(GrantCheck.CanGrant(caller, body.Areas)) is { } refused)
        {
            return refused;
        }
        var create = await users.CreateAsync(users.NewAccount(caller.CustomerNumber, PrincipalKind.User, body.Name, body.Email, body.Areas, caller.Account), ct);
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
        var call = await access.TargetAsync(request, Catalog.UserManagement, PrincipalGroup.User, id, forWrite: false, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        ETags.Set(request.HttpContext, call.Value.Target.ETag);
        return TypedResults.Ok(Dto(call.Value.Target));
    }

    public async Task<IResult> UpdateAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await access.TargetWithBodyAsync(request, Catalog.UserManagement, PrincipalGroup.User, id, ReadAsync, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, user, body) = call.Value;
        if (Problems.For(GrantCheck.CanUpdate(caller, user, body.Areas)) is { } refused)
        {
            return refused;
        }
        var update = await users.UpdateAsync(user, user with { Name = body.Name, Email = body.Email, Grants = body.Areas }, ct);
        if (!update.Done)
        {
            return Problems.For(update.Refusal);
        }
        var saved = update.Value;
        ETags.Set(request.HttpContext, saved.ETag);
        await audit.WriteAsync(request, caller, "user.updated", saved, AuditLog.Diff(("name", user.Name, saved.Name),
            ("email", user.Email, saved.Email), ("areas", AuditLog.Sorted(user.Grants), AuditLog.Sorted(saved.Grants)), ("status", Status(user), Status(saved))), ct);
        return TypedResults.Ok(Dto(saved));
    }

    public async Task<IResult> DeleteAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await access.TargetAsync(request, Catalog.UserManagement, PrincipalGroup.User, id, forWrite: true, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, user) = call.Value;
        if (Problems.For(GrantCheck.CanDelete(caller, user) ?? await users.DeleteAsync(user, ct)) is { } refused)
        {
            return refused;
        }
        await audit.WriteAsync(request, caller, "user.deleted", user, AuditLog.Diff(
            ("name", user.Name, null), ("email", user.Email, null), ("areas", AuditLog.Sorted(user.Grants), null)), ct);
        return TypedResults.NoContent();
    }

    public async Task<IResult> ResendActivationAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await access.TargetAsync(request, Catalog.UserManagement, PrincipalGroup.User, id, forWrite: false, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, user) = call.Value;
        if (Problems.For(GrantCheck.CanManage(caller, user) ?? NotInvited(user)) is { } refused)
        {
            return refused;
        }
        var resent = await users.ResendAsync(user, ct);
        if (!resent.Done)
        {
            return Problems.For(resent.Refusal);
        }
        ETags.Set(request.HttpContext, resent.Value.ETag);
        await audit.WriteAsync(request, caller, "user.activation-resent", resent.Value, null, ct);
        return TypedResults.Accepted(ApiRoutes.PathOf(ApiRoutes.UserById, id));
    }

    private static Refusal? NotInvited(Account user) =>
        user.Status == AccountStatus.Invited ? null : Refusal.Conflict("not-invited", "The user has activated their login already.");

    private static Task<Checked<UserChange>> ReadAsync(HttpRequest request, CancellationToken ct) =>
        JsonBody.ReadCheckedAsync<UserRequest, UserChange>(request, UserValidation.Validate, b => b.Validated(), ct);

    private static string Status(Account a) => UserDto.From(a).Status;

    private UserDto Dto(Account a) => UserDto.From(a, time.GetUtcNow());
}
