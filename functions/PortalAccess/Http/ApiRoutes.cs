
namespace PortalAccess.Http;

/// <summary>Who may call a route: the public (no key; the handler checks a bearer token where it needs one), or holders of the system key.</summary>
public enum RouteAccess { Public, SystemKey }

/// <summary>
/// One endpoint of API.md. <see cref="Template"/> is relative to the <c>api</c> prefix, as Functions routes are; the
/// body and answer types and the success status describe it in the OpenAPI document; <see cref="Handler"/> is what the
/// Standalone host maps it to (the Functions app has one <c>[Function]</c> per row, proven against this table).
/// </summary>
public sealed record ApiRoute(string Name, string Method, string Template, RouteAccess Access, string Summary,
    Type? Request = null, Type? Response = null, int Status = 200)
{
    /// <summary>The handler: its parameters are bound by ASP.NET Core (request, route values, services, cancellation).</summary>
    public required Delegate Handler { get; init; }

    /// <summary>A body that is read and validated without a <see cref="Request"/> type of its own (CloudEvents batches).</summary>
    public bool ReadsBody { get; init; }

    /// <summary>Whether the route can answer 400 with validation errors.</summary>
    public bool Validates => Request is not null || ReadsBody;
}

/// <summary>The paths of the routes, relative to <see cref="Prefix"/>; the rows themselves live with their features (<see cref="PortalApi.Routes"/>).</summary>
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
}
