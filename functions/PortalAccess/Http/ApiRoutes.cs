namespace PortalAccess.Http;

/// <summary>Who may call a route: anyone (the handler checks a bearer token where needed), or the system key.</summary>
public enum RouteAccess { Anonymous, System }

/// <summary>One endpoint of API.md. <see cref="Template"/> is relative to the <c>api</c> prefix, as Functions routes are.</summary>
public sealed record ApiRoute(string Name, string Method, string Template, RouteAccess Access);

/// <summary>The route table: the one list both hosts expose (the Functions adapters and the Standalone host are tested against it).</summary>
public static class ApiRoutes
{
    public const string Prefix = "api";

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
        new("Login", "POST", Login, RouteAccess.Anonymous),
        new("Refresh", "POST", Refresh, RouteAccess.Anonymous),
        new("Logout", "POST", Logout, RouteAccess.Anonymous),
        new("CheckActivation", "POST", ActivationCheck, RouteAccess.Anonymous),
        new("Activate", "POST", Activation, RouteAccess.Anonymous),
        new("RequestPasswordReset", "POST", PasswordReset, RouteAccess.Anonymous),
        new("ConfirmPasswordReset", "POST", PasswordResetConfirm, RouteAccess.Anonymous),
        new("GetMe", "GET", Me, RouteAccess.Anonymous),
        new("ChangeMyPassword", "PUT", MyPassword, RouteAccess.Anonymous),
        new("GetJwks", "GET", Jwks, RouteAccess.Anonymous),
        new("GetAreas", "GET", Areas, RouteAccess.Anonymous),
        new("GetDeskFeatures", "GET", DeskFeatures, RouteAccess.Anonymous),
        new("ListUsers", "GET", Users, RouteAccess.Anonymous),
        new("CreateUser", "POST", Users, RouteAccess.Anonymous),
        new("GetUser", "GET", UserById, RouteAccess.Anonymous),
        new("UpdateUser", "PUT", UserById, RouteAccess.Anonymous),
        new("DeleteUser", "DELETE", UserById, RouteAccess.Anonymous),
        new("ResendUserActivation", "POST", UserActivationMail, RouteAccess.Anonymous),
        new("ListOfficeDesks", "GET", OfficeDesks, RouteAccess.Anonymous),
        new("CreateOfficeDesk", "POST", OfficeDesks, RouteAccess.Anonymous),
        new("GetOfficeDesk", "GET", OfficeDeskById, RouteAccess.Anonymous),
        new("UpdateOfficeDesk", "PUT", OfficeDeskById, RouteAccess.Anonymous),
        new("DeleteOfficeDesk", "DELETE", OfficeDeskById, RouteAccess.Anonymous),
        new("ResendOfficeDeskActivation", "POST", OfficeDeskActivationMail, RouteAccess.Anonymous),
        new("ReceiveTelephonyEvents", "POST", TelephonyEvents, RouteAccess.System),
        new("TelephonyEventsHandshake", "OPTIONS", TelephonyEvents, RouteAccess.System),
        new("PutCustomer", "PUT", CustomerByNumber, RouteAccess.System),
        new("DeleteCustomer", "DELETE", CustomerByNumber, RouteAccess.System),
        new("ListAudit", "GET", Audit, RouteAccess.Anonymous),
        new("GetHealth", "GET", Health, RouteAccess.Anonymous),
    ];
}
