using PortalAccess.Principals;

namespace PortalAccess.Auth.Tokens;

/// <summary>What a sign-in or a refresh answers: an access token for the session a refresh token stands for.</summary>
public sealed class SessionTokens(AccessTokens tokens, RefreshSessions sessions)
{
    /// <summary>A new session of <paramref name="account"/>, and its first tokens.</summary>
    public async Task<TokenResponse> StartAsync(Account account, CancellationToken ct) =>
        await IssueAsync(account, await sessions.StartAsync(account, ct), ct);

    public async Task<TokenResponse> IssueAsync(Account account, string refreshToken, CancellationToken ct)
    {
        var (accessToken, expiresIn) = await tokens.IssueAsync(account, RefreshSessions.SessionIdOf(refreshToken)!, ct);
        return new TokenResponse(accessToken, "Bearer", expiresIn, refreshToken, PrincipalDto.From(account));
    }
}
