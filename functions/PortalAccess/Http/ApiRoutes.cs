using PortalAccess.Audit;
using PortalAccess.Auth;
using PortalAccess.Catalogs;
using PortalAccess.Customers;
using PortalAccess.Events;
using PortalAccess.OfficeDesks;
using PortalAccess.Users;

namespace PortalAccess.Http;

/// <summary>Who may call a route: anyone (the handler checks a bearer token where needed), or the system key.</summary>
public enum RouteAccess { Anonymous, System }

/// <summary>
/// One endpoint of API.md. <see cref="Template"/> is relative to the <c>api</c> prefix, as Functions routes are; the
/// body and answer types and the success status describe it in the OpenAPI document.
/// </summary>
public sealed record ApiRoute(string Name, string Method, string Template, RouteAccess Access, string Summary,
    Type? Request = null, Type? Response = null, int Status = 200);

/// <summary>The route table: the one list both hosts expose (the Functions adapters and the Standalone host are tested against it).</summary>
public static class ApiRoutes
{
    public const string Prefix = "api";

    /// <summary>The path of one resource of <paramref name="template"/>, a route with one parameter: for Location headers.</summary>
    public static string PathOf(string template, string value)
    {
        var open = template.IndexOf('{', StringComparison.Ordinal);
        var close = template.IndexOf('}', open);
        return $"/{Prefix}/{template[..open]}{Uri.EscapeDataString(value)}{template[(close + 1)..]}";
    }

    public const string Login = "auth/login";
    public const string Refresh = "auth/refresh";
    public const string Logout = "auth/logout";
    public const string ActivationCheck = "auth/activation/check";
    public const string Activation = "auth/activation";
    public const string PasswordReset = "auth/password-reset";
    public const string PasswordResetConfirm = "auth/password-reset/confirm";
    public const string Me = "me";
    public const string MyPassword = "me/password";
    public const string Audit = "audit";
    public const string Jwks = ".well-known/jwks.json";
    public const string Areas = "areas";
    public const string DeskFeatures = "desk-features";
    public const string Users = "users";
    public const string UserById = "users/{id}";
    public const string UserActivationMail = "users/{id}/activation-mail";
    public const string OfficeDesks = "officedesks";
    public const string OfficeDeskById = "officedesks/{id}";
    public const string OfficeDeskActivationMail = "officedesks/{id}/activation-mail";
    public const string TelephonyEvents = "events/telephony";
    public const string CustomerByNumber = "customers/{customerNumber}";
    public const string Health = "health";

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("Login", "POST", Login, RouteAccess.Anonymous, "Sign in with customer number, email or phone number", Request: typeof(LoginRequest), Response: typeof(TokenResponse)),
        new("Refresh", "POST", Refresh, RouteAccess.Anonymous, "Spend a refresh token for new tokens", Request: typeof(RefreshRequest), Response: typeof(TokenResponse)),
        new("Logout", "POST", Logout, RouteAccess.Anonymous, "End the session of a refresh token", Request: typeof(RefreshRequest), Status: 204),
        new("CheckActivation", "POST", ActivationCheck, RouteAccess.Anonymous, "Whose activation link is this?", Request: typeof(LinkRequest), Response: typeof(LinkInfo)),
        new("Activate", "POST", Activation, RouteAccess.Anonymous, "Set the password through an activation link", Request: typeof(SetPasswordRequest), Status: 204),
        new("RequestPasswordReset", "POST", PasswordReset, RouteAccess.Anonymous, "Ask for a password reset mail", Request: typeof(ResetRequest), Status: 202),
        new("ConfirmPasswordReset", "POST", PasswordResetConfirm, RouteAccess.Anonymous, "Set a new password through a reset link", Request: typeof(SetPasswordRequest), Status: 204),
        new("GetMe", "GET", Me, RouteAccess.Anonymous, "The signed-in principal", Response: typeof(PrincipalDto)),
        new("ChangeMyPassword", "PUT", MyPassword, RouteAccess.Anonymous, "Change the own password; other sessions end", Request: typeof(ChangePasswordRequest), Status: 204),
        new("GetJwks", "GET", Jwks, RouteAccess.Anonymous, "Public keys of the access tokens", Response: typeof(JwkSet)),
        new("GetAreas", "GET", Areas, RouteAccess.Anonymous, "The portal areas", Response: typeof(IReadOnlyList<CatalogEntry>)),
        new("GetDeskFeatures", "GET", DeskFeatures, RouteAccess.Anonymous, "The OfficeDesk features", Response: typeof(IReadOnlyList<CatalogEntry>)),
        new("ListUsers", "GET", Users, RouteAccess.Anonymous, "A page of users", Response: typeof(Page<UserDto>)),
        new("CreateUser", "POST", Users, RouteAccess.Anonymous, "Create a user and send the activation mail", Request: typeof(UserRequest), Response: typeof(UserDto), Status: 201),
        new("GetUser", "GET", UserById, RouteAccess.Anonymous, "One user", Response: typeof(UserDto)),
        new("UpdateUser", "PUT", UserById, RouteAccess.Anonymous, "Change name, email and areas of a user", Request: typeof(UserRequest), Response: typeof(UserDto)),
        new("DeleteUser", "DELETE", UserById, RouteAccess.Anonymous, "Delete a user", Status: 204),
        new("ResendUserActivation", "POST", UserActivationMail, RouteAccess.Anonymous, "Send a new activation link", Status: 202),
        new("ListOfficeDesks", "GET", OfficeDesks, RouteAccess.Anonymous, "A page of PBX and SIP desks", Response: typeof(Page<DeskDto>)),
        new("CreateOfficeDesk", "POST", OfficeDesks, RouteAccess.Anonymous, "Create a PBX desk and send the welcome mail", Request: typeof(DeskRequest), Response: typeof(DeskDto), Status: 201),
        new("GetOfficeDesk", "GET", OfficeDeskById, RouteAccess.Anonymous, "One desk", Response: typeof(DeskDto)),
        new("UpdateOfficeDesk", "PUT", OfficeDeskById, RouteAccess.Anonymous, "Change a PBX desk", Request: typeof(DeskRequest), Response: typeof(DeskDto)),
        new("DeleteOfficeDesk", "DELETE", OfficeDeskById, RouteAccess.Anonymous, "Delete a PBX desk", Status: 204),
        new("ResendOfficeDeskActivation", "POST", OfficeDeskActivationMail, RouteAccess.Anonymous, "Send a new welcome link", Status: 202),
        new("ReceiveTelephonyEvents", "POST", TelephonyEvents, RouteAccess.System, "CloudEvents from the telephony system", Response: typeof(EventsAccepted)),
        new("TelephonyEventsHandshake", "OPTIONS", TelephonyEvents, RouteAccess.System, "CloudEvents webhook validation handshake"),
        new("PutCustomer", "PUT", CustomerByNumber, RouteAccess.System, "Create or update a customer and its owner", Request: typeof(CustomerRequest), Response: typeof(CustomerDto), Status: 201),
        new("DeleteCustomer", "DELETE", CustomerByNumber, RouteAccess.System, "Erase a customer (GDPR)", Status: 204),
        new("ListAudit", "GET", Audit, RouteAccess.Anonymous, "A page of the audit trail, newest first", Response: typeof(Page<AuditEntry>)),
        new("GetHealth", "GET", Health, RouteAccess.Anonymous, "Whether storage answers", Response: typeof(HealthDto)),
    ];
}
