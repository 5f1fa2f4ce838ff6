using Microsoft.AspNetCore.Http;
using PortalAccess.Http;
using PortalAccess.Principals;

namespace PortalAccess.Auth.Callers;

/// <summary>Who is signed in, with the rights stored for them right now.</summary>
public sealed class MeEndpoints(CallerAccess access)
{
    /// <summary>This flow's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("GetMe", "GET", ApiRoutes.Me, RouteAccess.Bearer, "The signed-in principal", Response: typeof(PrincipalDto))
        {
            Handler = (HttpRequest r, MeEndpoints h, CancellationToken ct) => h.MeAsync(r, ct),
        },
    ];

    public async Task<IResult> MeAsync(HttpRequest request, CancellationToken ct)
    {
        var caller = await access.RequireAsync(request, area: null, ct);
        return caller.Ok ? TypedResults.Ok(PrincipalDto.From(caller.Value.Account)) : caller.Problem;
    }
}
