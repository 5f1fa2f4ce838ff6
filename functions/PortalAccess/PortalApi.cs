using PortalAccess.Audit;
using PortalAccess.Auth.Callers;
using PortalAccess.Auth.Links;
using PortalAccess.Auth.Passwords;
using PortalAccess.Auth.SignIn;
using PortalAccess.Auth.Tokens;
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
        .. SignInEndpoints.Routes,
        .. TokenEndpoints.Routes,
        .. LinkEndpoints.Routes,
        .. MeEndpoints.Routes,
        .. PasswordEndpoints.Routes,
        .. SigningKeyEndpoints.Routes,
        .. CatalogEndpoints.Routes,
        .. UserEndpoints.Routes,
        .. OfficeDeskEndpoints.Routes,
        .. TelephonyEventEndpoints.Routes,
        .. CustomerEndpoints.Routes,
        .. AuditEndpoints.Routes,
        .. HealthEndpoints.Routes,
    ];
}
