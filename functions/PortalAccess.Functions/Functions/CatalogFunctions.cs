using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PortalAccess.Catalogs;
using PortalAccess.Http;

namespace PortalAccess.Functions;

/// <summary>The portal area and desk feature catalogs (<see cref="CatalogEndpoints"/>).</summary>
public sealed class CatalogFunctions(CatalogEndpoints catalog)
{
    [Function("GetAreas")]
    public IResult GetAreas([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Areas)] HttpRequest req) =>
        catalog.GetAreas(req);

    [Function("GetDeskFeatures")]
    public IResult GetDeskFeatures([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.DeskFeatures)] HttpRequest req) =>
        catalog.GetDeskFeatures(req);
}
