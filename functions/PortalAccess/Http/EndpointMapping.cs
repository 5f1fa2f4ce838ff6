using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PortalAccess.Http;

/// <summary>Maps the route table onto ASP.NET Core endpoints, for hosts that are not Azure Functions.</summary>
public static class EndpointMapping
{
    public static IEndpointRouteBuilder MapPortalAccess(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + ApiRoutes.Prefix);
        foreach (var route in PortalApi.Routes)
        {
            var endpoint = api.MapMethods(route.Template, [route.Method], route.Handler)
                .WithName(route.Name)
                .WithSummary(route.Summary)
                .WithTags(route.Template.Split('/')[0])
                .Produces(route.Status, route.Response);
            // request bodies are described by the OpenAPI operation transformer, not by Accepts metadata: with that,
            // routing would answer other content types with an empty 415, where JsonBody answers problem+json on both hosts
            foreach (var status in route.ProblemStatuses())
            {
                endpoint = status == StatusCodes.Status400BadRequest
                    ? endpoint.ProducesValidationProblem()
                    : endpoint.ProducesProblem(status);
            }
            if (route.Access == RouteAccess.SystemKey)
            {
                endpoint.AddEndpointFilter(RequireSystemKey);
            }
            if (route.RateLimited)
            {
                endpoint.RequireRateLimiting(AuthRateLimits.Policy);
            }
        }
        return app;
    }

    /// <summary>
    /// What the Functions host does with <c>AuthorizationLevel.Function</c>: the key in <c>x-functions-key</c> or
    /// <c>?code=</c>.
    /// </summary>
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
