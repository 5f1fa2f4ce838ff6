using Microsoft.AspNetCore.Http;
using PortalAccess.Http;

namespace PortalAccess.Auth.Tokens;

/// <summary>The public keys other portal services verify access tokens with.</summary>
public sealed class SigningKeyEndpoints(SigningKeyRing keys)
{
    /// <summary>This flow's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("GetJwks", "GET", ApiRoutes.Jwks, RouteAccess.Public, "Public keys of the access tokens", Response: typeof(JwkSet))
        {
            Handler = (HttpRequest r, SigningKeyEndpoints h, CancellationToken ct) => h.JwksAsync(r, ct),
        },
    ];

    public async Task<IResult> JwksAsync(HttpRequest request, CancellationToken ct) =>
        TypedResults.Ok(new JwkSet(await keys.PublicKeysAsync(ct)));
}
