namespace PortalAccess.Http;

/// <summary>
/// The paths of the routes, relative to <see cref="Prefix"/>; the rows themselves live with their features (<see
/// cref="PortalApi.Routes"/>).
/// </summary>
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
    public const string PasswordResetCheck = "auth/password-reset/check";
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
