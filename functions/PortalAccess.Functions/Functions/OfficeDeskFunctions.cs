using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PortalAccess.Http;
using PortalAccess.OfficeDesks;

namespace PortalAccess.Functions;

/// <summary>OfficeDesks (<see cref="OfficeDeskEndpoints"/>).</summary>
public sealed class OfficeDeskFunctions(OfficeDeskEndpoints desks)
{
    [Function("ListOfficeDesks")]
    public Task<IResult> ListOfficeDesks([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OfficeDesks)] HttpRequest req, CancellationToken ct) =>
        desks.ListAsync(req, ct);

    [Function("CreateOfficeDesk")]
    public Task<IResult> CreateOfficeDesk([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OfficeDesks)] HttpRequest req, CancellationToken ct) =>
        desks.CreateAsync(req, ct);

    [Function("GetOfficeDesk")]
    public Task<IResult> GetOfficeDesk([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OfficeDeskById)] HttpRequest req, string id, CancellationToken ct) =>
        desks.GetAsync(req, id, ct);

    [Function("UpdateOfficeDesk")]
    public Task<IResult> UpdateOfficeDesk([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.OfficeDeskById)] HttpRequest req, string id, CancellationToken ct) =>
        desks.UpdateAsync(req, id, ct);

    [Function("DeleteOfficeDesk")]
    public Task<IResult> DeleteOfficeDesk([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.OfficeDeskById)] HttpRequest req, string id, CancellationToken ct) =>
        desks.DeleteAsync(req, id, ct);

    [Function("ResendOfficeDeskActivation")]
    public Task<IResult> ResendOfficeDeskActivation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OfficeDeskActivationMail)] HttpRequest req, string id, CancellationToken ct) =>
        desks.ResendActivationAsync(req, id, ct);
}
