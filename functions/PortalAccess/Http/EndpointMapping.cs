using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PortalAccess.Audit;
using PortalAccess.Auth;
using PortalAccess.Catalogs;
using PortalAccess.Customers;
using PortalAccess.Events;
using PortalAccess.OfficeDesks;
using PortalAccess.Users;

namespace PortalAccess.Http;

/// <summary>Maps the route table onto ASP.NET Core endpoints, for hosts that are not Azure Functions.</summary>
public static class EndpointMapping
{
    public static IEndpointRouteBuilder MapPortalAccess(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + ApiRoutes.Prefix);
        foreach (var route in ApiRoutes.All)
        {
            var endpoint = api.MapMethods(route.Template, [route.Method], HandlerFor(route.Name))
                .WithName(route.Name)
                .WithSummary(route.Summary)
                .WithTags(route.Template.Split('/')[0])
                .Produces(route.Status, route.Response);
            // request bodies are described by the OpenAPI operation transformer, not by Accepts metadata:
            // that metadata would make routing answer 415 for other content types, which the Functions host does not
            if (route.Request is not null || route.Name == "ReceiveTelephonyEvents")
            {
                endpoint.ProducesValidationProblem();
            }
            if (route.Access == RouteAccess.System)
            {
                endpoint.AddEndpointFilter(RequireSystemKey);
            }
        }
        return app;
    }

    private static Delegate HandlerFor(string name) => name switch
    {
        "Login" => (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.LoginAsync(r, ct),
        "Refresh" => (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.RefreshAsync(r, ct),
        "Logout" => (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.LogoutAsync(r, ct),
        "CheckActivation" => (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.CheckActivationAsync(r, ct),
        "Activate" => (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.ActivateAsync(r, ct),
        "RequestPasswordReset" => (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.RequestPasswordResetAsync(r, ct),
        "ConfirmPasswordReset" => (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.ConfirmPasswordResetAsync(r, ct),
        "ChangeMyPassword" => (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.ChangePasswordAsync(r, ct),
        "GetMe" => (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.MeAsync(r, ct),
        "GetJwks" => (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.JwksAsync(r, ct),
        "GetAreas" => (HttpRequest r, CatalogEndpoints h) => h.GetAreas(r),
        "GetDeskFeatures" => (HttpRequest r, CatalogEndpoints h) => h.GetDeskFeatures(r),
        "ListUsers" => (HttpRequest r, UserEndpoints h, CancellationToken ct) => h.ListAsync(r, ct),
        "CreateUser" => (HttpRequest r, UserEndpoints h, CancellationToken ct) => h.CreateAsync(r, ct),
        "GetUser" => (HttpRequest r, string id, UserEndpoints h, CancellationToken ct) => h.GetAsync(r, id, ct),
        "UpdateUser" => (HttpRequest r, string id, UserEndpoints h, CancellationToken ct) => h.UpdateAsync(r, id, ct),
        "DeleteUser" => (HttpRequest r, string id, UserEndpoints h, CancellationToken ct) => h.DeleteAsync(r, id, ct),
        "ResendUserActivation" => (HttpRequest r, string id, UserEndpoints h, CancellationToken ct) => h.ResendActivationAsync(r, id, ct),
        "ListOfficeDesks" => (HttpRequest r, OfficeDeskEndpoints h, CancellationToken ct) => h.ListAsync(r, ct),
        "CreateOfficeDesk" => (HttpRequest r, OfficeDeskEndpoints h, CancellationToken ct) => h.CreateAsync(r, ct),
        "GetOfficeDesk" => (HttpRequest r, string id, OfficeDeskEndpoints h, CancellationToken ct) => h.GetAsync(r, id, ct),
        "UpdateOfficeDesk" => (HttpRequest r, string id, OfficeDeskEndpoints h, CancellationToken ct) => h.UpdateAsync(r, id, ct),
        "DeleteOfficeDesk" => (HttpRequest r, string id, OfficeDeskEndpoints h, CancellationToken ct) => h.DeleteAsync(r, id, ct),
        "ResendOfficeDeskActivation" => (HttpRequest r, string id, OfficeDeskEndpoints h, CancellationToken ct) => h.ResendActivationAsync(r, id, ct),
        "ReceiveTelephonyEvents" => (HttpRequest r, TelephonyEventEndpoints h, CancellationToken ct) => h.ReceiveAsync(r, ct),
        "TelephonyEventsHandshake" => (HttpRequest r, TelephonyEventEndpoints h) => h.Handshake(r),
        "PutCustomer" => (HttpRequest r, string customerNumber, CustomerEndpoints h, CancellationToken ct) => h.PutAsync(r, customerNumber, ct),
        "ListAudit" => (HttpRequest r, AuditEndpoints h, CancellationToken ct) => h.ListAsync(r, ct),
        "DeleteCustomer" => (HttpRequest r, string customerNumber, CustomerEndpoints h, CancellationToken ct) => h.DeleteAsync(r, customerNumber, ct),
        "GetHealth" => (HttpRequest r, HealthEndpoints h, CancellationToken ct) => h.GetAsync(r, ct),
        _ => throw new InvalidOperationException($"Route {name} has no handler."),
    };

    /// <summary>What the Functions host does with <c>AuthorizationLevel.Function</c>: the key in <c>x-functions-key</c> or <c>?code=</c>.</summary>
    private static async ValueTask<object?> RequireSystemKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var expected = context.HttpContext.RequestServices.GetRequiredService<IOptions<PortalAccessOptions>>().Value.SystemKey;
        var presented = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(expected) || presented is null ||
            !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented)))
        {
            return Problems.Problem(401, "system-key", "System key required.", "Send the system key in the x-functions-key header.");
        }
        return await next(context);
    }
}
