using Microsoft.AspNetCore.Http;
using PortalAccess.Auth.Callers;
using PortalAccess.Catalogs;
using PortalAccess.Http;
using PortalAccess.Principals;

namespace PortalAccess.Users;

/// <summary>The Users API: every handler needs the caller to hold <c>user-management</c>.</summary>
public sealed class UserEndpoints(CallerAccess access, PrincipalTargets targets, UserManagement users, TimeProvider time)
    : PrincipalEndpoints<UserChange, UserDto>(access, targets, users, Catalog.UserManagement, PrincipalGroup.User, ApiRoutes.UserById)
{
    /// <summary>This feature's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("ListUsers", "GET", ApiRoutes.Users, RouteAccess.Bearer, "A page of users", Response: typeof(Page<UserDto>))
        {
            Refusals = [400],
            Handler = (HttpRequest r, UserEndpoints h, CancellationToken ct) => h.ListAsync(r, ct),
        },
        new("CreateUser", "POST", ApiRoutes.Users, RouteAccess.Bearer, "Create a user and send the activation mail",
            Request: typeof(UserRequest), Response: typeof(UserDto), Status: 201)
        {
            Refusals = [409],
            Example = new UserRequest("Erika Muster", "erika.muster@example.com", ["invoices", "call-list", "shop"]),
            Handler = (HttpRequest r, UserEndpoints h, CancellationToken ct) => h.CreateAsync(r, ct),
        },
        new("GetUser", "GET", ApiRoutes.UserById, RouteAccess.Bearer, "One user", Response: typeof(UserDto))
        {
            Handler = (HttpRequest r, string id, UserEndpoints h, CancellationToken ct) => h.GetAsync(r, id, ct),
        },
        new("UpdateUser", "PUT", ApiRoutes.UserById, RouteAccess.Bearer, "Change name, email and areas of a user",
            Request: typeof(UserRequest), Response: typeof(UserDto))
        {
            Refusals = [409],
            Example = new UserRequest("Erika Muster", "erika.muster@example.com", ["invoices", "shop"]),
            Handler = (HttpRequest r, string id, UserEndpoints h, CancellationToken ct) => h.UpdateAsync(r, id, ct),
        },
        new("DeleteUser", "DELETE", ApiRoutes.UserById, RouteAccess.Bearer, "Delete a user", Status: 204)
        {
            Handler = (HttpRequest r, string id, UserEndpoints h, CancellationToken ct) => h.DeleteAsync(r, id, ct),
        },
        new("ResendUserActivation", "POST", ApiRoutes.UserActivationMail, RouteAccess.Bearer, "Send a new activation link", Status: 202)
        {
            Refusals = [409],
            Handler = (HttpRequest r, string id, UserEndpoints h, CancellationToken ct) => h.ResendActivationAsync(r, id, ct),
        },
    ];

    protected override Task<Checked<UserChange>> ReadAsync(HttpRequest request, CancellationToken ct) =>
        JsonBody.ReadCheckedAsync<UserRequest, UserChange>(request, UserValidation.Validate, b => b.Validated(), ct);

    protected override UserDto Dto(Account a) => UserDto.From(a, time.GetUtcNow());
}
