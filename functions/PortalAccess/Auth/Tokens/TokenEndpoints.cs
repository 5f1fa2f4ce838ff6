using Microsoft.AspNetCore.Http;
using PortalAccess.Http;

namespace PortalAccess.Auth.Tokens;

/// <summary>Refresh sessions: spending a refresh token for new tokens, and ending a session.</summary>
public sealed class TokenEndpoints(RefreshSessions sessions, SessionTokens tokens)
{
    /// <summary>This flow's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("Refresh", "POST", ApiRoutes.Refresh, RouteAccess.Public, "Spend a refresh token for new tokens",
            Request: typeof(RefreshRequest), Response: typeof(TokenResponse))
        {
            RateLimited = true,
            Refusals = [401],
            Example = new RefreshRequest("<refresh token from login>"),
            Handler = (HttpRequest r, TokenEndpoints h, CancellationToken ct) => h.RefreshAsync(r, ct),
        },
        new("Logout", "POST", ApiRoutes.Logout, RouteAccess.Public, "End the session of a refresh token", Request: typeof(RefreshRequest),
            Status: 204)
        {
            Handler = (HttpRequest r, TokenEndpoints h, CancellationToken ct) => h.LogoutAsync(r, ct),
        },
    ];

    public async Task<IResult> RefreshAsync(HttpRequest request, CancellationToken ct)
    {
        var token = await ReadRefreshTokenAsync(request, ct);
        if (!token.Ok)
        {
            return token.Problem;
        }
        var rotated = await sessions.RotateAsync(token.Value, ClientIp.Of(request), ct);
        return rotated is not var (account, next)
            ? Problems.InvalidCredentials()
            : TypedResults.Ok(await tokens.IssueAsync(account, next, ct));
    }

    public async Task<IResult> LogoutAsync(HttpRequest request, CancellationToken ct)
    {
        var token = await ReadRefreshTokenAsync(request, ct);
        if (!token.Ok)
        {
            return token.Problem;
        }
        await sessions.EndAsync(token.Value, ct);
        return TypedResults.NoContent();
    }

    private static Task<Checked<string>> ReadRefreshTokenAsync(HttpRequest request, CancellationToken ct) =>
        JsonBody.ReadCheckedAsync<RefreshRequest, string>(
            request, (b, errors) => errors.Required("refreshToken", b.RefreshToken), b => b.RefreshToken!, ct);
}
