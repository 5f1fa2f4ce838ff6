using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PortalAccess.Http;
using PortalAccess.Users;

namespace PortalAccess.Functions;

/// <summary>User management (<see cref="UserEndpoints"/>).</summary>
public sealed class UserFunctions(UserEndpoints users)
{
    [Function("ListUsers")]
    public Task<IResult> ListUsers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Users)] HttpRequest req, CancellationToken ct) =>
        users.ListAsync(req, ct);

    [Function("CreateUser")]
    public Task<IResult> CreateUser([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Users)] HttpRequest req, CancellationToken ct) =>
        users.CreateAsync(req, ct);

    [Function("GetUser")]
    public Task<IResult> GetUser([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.UserById)] HttpRequest req, string id, CancellationToken ct) =>
        users.GetAsync(req, id, ct);

    [Function("UpdateUser")]
    public Task<IResult> UpdateUser([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.UserById)] HttpRequest req, string id, CancellationToken ct) =>
        users.UpdateAsync(req, id, ct);

    [Function("DeleteUser")]
    public Task<IResult> DeleteUser([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.UserById)] HttpRequest req, string id, CancellationToken ct) =>
        users.DeleteAsync(req, id, ct);

    [Function("ResendUserActivation")]
    public Task<IResult> ResendUserActivation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.UserActivationMail)] HttpRequest req, string id, CancellationToken ct) =>
        users.ResendActivationAsync(req, id, ct);
}
