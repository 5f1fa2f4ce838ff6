using PortalAccess.Audit;
using PortalAccess.Auth;
using PortalAccess.Catalogs;
using PortalAccess.Customers;
using PortalAccess.Events;
using PortalAccess.Http;
using PortalAccess.OfficeDesks;
using PortalAccess.Users;

namespace PortalAccess;

/// <summary>
/// The route table: every feature's routes with their handlers, in the order of API.md. Both hosts expose exactly
/// these (the Standalone host maps them; the Functions app's functions are generated from them, ApiFunctions.g.cs).
/// </summary>
public static class PortalApi
{
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        .. AuthEndpoints.Routes,
        .. CatalogEndpoints.Routes,
        .. UserEndpoints.Routes,
        .. OfficeDeskEndpoints.Routes,
        .. TelephonyEventEndpoints.Routes,
        .. CustomerEndpoints.Routes,
        .. AuditEndpoints.Routes,
        .. HealthEndpoints.Routes,
    ];
}
