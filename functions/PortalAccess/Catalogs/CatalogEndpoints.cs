using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using PortalAccess.Http;

namespace PortalAccess.Catalogs;

public sealed class CatalogEndpoints
{
    /// <summary>This feature's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("GetAreas", "GET", ApiRoutes.Areas, RouteAccess.Public, "The portal areas", Response: typeof(IReadOnlyList<CatalogEntry>))
        {
            Handler = (HttpRequest r, CatalogEndpoints h) => h.GetAreas(r),
        },
        new("GetDeskFeatures", "GET", ApiRoutes.DeskFeatures, RouteAccess.Public, "The OfficeDesk features",
            Response: typeof(IReadOnlyList<CatalogEntry>))
        {
            Handler = (HttpRequest r, CatalogEndpoints h) => h.GetDeskFeatures(r),
        },
    ];

    public Ok<IReadOnlyList<CatalogEntry>> GetAreas(HttpRequest request) => TypedResults.Ok(Catalog.Areas);

    public Ok<IReadOnlyList<CatalogEntry>> GetDeskFeatures(HttpRequest request) => TypedResults.Ok(Catalog.DeskFeatures);
}
