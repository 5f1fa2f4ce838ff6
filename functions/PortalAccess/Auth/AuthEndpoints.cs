using Microsoft.AspNetCore.Http;
using PortalAccess.Http;
using PortalAccess.Storage;

namespace PortalAccess.Auth;

public sealed record LoginRequest(string? Login, string? Password);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record LinkRequest(string? Token);
public sealed record SetPasswordRequest(string? Token, string? Password);
public sealed record ResetRequest(string? Login);
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
public sealed record LinkInfo(string Name, string Login, string Purpose, DateTimeOffset ExpiresAt);
public sealed record JwkSet(IReadOnlyList<PublicJwk> Keys);

/// <summary>Sign-in, sessions, activation links and the caller's own principal.</summary>
public sealed class AuthEndpoints(
    PasswordSignIn signIn, AccessTokens tokens, RefreshSessions sessions, CallerAccess access, LinkCheck links,
    AccountActivation activation, PasswordChanges passwords, SigningKeyRing keys, AuthRateLimits limits)
{
    /// <summary>This feature's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("Login", "POST", ApiRoutes.Login, RouteAccess.Public, "Sign in with customer number, email or phone number", Request: typeof(LoginRequest), Response: typeof(TokenResponse))
            { RateLimited = true, Refusals = [401, 503], Example = new LoginRequest("100001", "correct horse battery staple"), Handler = (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.LoginAsync(r, ct) },
        new("Refresh", "POST", ApiRoutes.Refresh, RouteAccess.Public, "Spend a refresh token for new tokens", Request: typeof(RefreshRequest), Response: typeof(TokenResponse))
            { RateLimited = true, Refusals = [401], Example = new RefreshRequest("<refresh token from login>"), Handler = (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.RefreshAsync(r, ct) },
        new("Logout", "POST", ApiRoutes.Logout, RouteAccess.Public, "End the session of a refresh token", Request: typeof(RefreshRequest), Status: 204)
            { Handler = (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.LogoutAsync(r, ct) },
        new("CheckActivation", "POST", ApiRoutes.ActivationCheck, RouteAccess.Public, "Whose activation link is this?", Request: typeof(LinkRequest), Response: typeof(LinkInfo))
            { RateLimited = true, Refusals = [410], Handler = (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.CheckActivationAsync(r, ct) },
        new("Activate", "POST", ApiRoutes.Activation, RouteAccess.Public, "Set the password through an activation link", Request: typeof(SetPasswordRequest), Status: 204)
            { RateLimited = true, Refusals = [410, 503], Example = new SetPasswordRequest("<token from the mail link>", "correct horse battery staple"), Handler = (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.ActivateAsync(r, ct) },
        new("RequestPasswordReset", "POST", ApiRoutes.PasswordReset, RouteAccess.Public, "Ask for a password reset mail", Request: typeof(ResetRequest), Status: 202)
            { RateLimited = true, Handler = (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.RequestPasswordResetAsync(r, ct) },
        new("CheckPasswordReset", "POST", ApiRoutes.PasswordResetCheck, RouteAccess.Public, "Whose password reset link is this?", Request: typeof(LinkRequest), Response: typeof(LinkInfo))
            { RateLimited = true, Refusals = [410], Handler = (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.CheckPasswordResetAsync(r, ct) },
        new("ConfirmPasswordReset", "POST", ApiRoutes.PasswordResetConfirm, RouteAccess.Public, "Set a new password through a reset link", Request: typeof(SetPasswordRequest), Status: 204)
            { RateLimited = true, Refusals = [410, 503], Handler = (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.ConfirmPasswordResetAsync(r, ct) },
        new("GetMe", "GET", ApiRoutes.Me, RouteAccess.Bearer, "The signed-in principal", Response: typeof(PrincipalDto))
            { Handler = (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.MeAsync(r, ct) },
        new("ChangeMyPassword", "PUT", ApiRoutes.MyPassword, RouteAccess.Bearer, "Change the own password; other sessions end", Request: typeof(ChangePasswordRequest), Status: 204)
            { Refusals = [503], Example = new ChangePasswordRequest("correct horse battery staple", "another long passphrase"), Handler = (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.ChangePasswordAsync(r, ct) },
        new("GetJwks", "GET", ApiRoutes.Jwks, RouteAccess.Public, "Public keys of the access tokens", Response: typeof(JwkSet))
            { Handler = (HttpRequest r, AuthEndpoints h, CancellationToken ct) => h.JwksAsync(r, ct) },
    ];

    private static readonly IReadOnlySet<LinkPurpose> ActivationPurposes = new HashSet<LinkPurpose> { LinkPurpose.Activation, LinkPurpose.DeskWelcome };
    private static readonly IReadOnlySet<LinkPurpose> ResetPurposes = new HashSet<LinkPurpose> { LinkPurpose.PasswordReset };

    public async Task<IResult> LoginAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await ReadLoginAsync(request, ct);
        if (!body.Ok)
        {
            return body.Problem;
        }
        if (limits.RefusedForLogin(body.Value.Login) is { } tooMany)
        {
            return tooMany;
        }
        return await RefusedWhenBusyAsync(async () =>
        {
            var account = await signIn.SignInAsync(body.Value.Login, body.Value.Password, ClientIp.Of(request), ct);
            return account is null ? Problems.InvalidCredentials() : TypedResults.Ok(await IssueAsync(account, await sessions.StartAsync(account, ct), ct));
        });
    }

    public async Task<IResult> RefreshAsync(HttpRequest request, CancellationToken ct)
    {
        var token = await ReadRefreshTokenAsync(request, ct);
        if (!token.Ok)
        {
            return token.Problem;
        }
        var rotated = await sessions.RotateAsync(token.Value, ClientIp.Of(request), ct);
        return rotated is not var (account, next) ? Problems.InvalidCredentials() : TypedResults.Ok(await IssueAsync(account, next, ct));
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

    public Task<IResult> CheckActivationAsync(HttpRequest request, CancellationToken ct) => CheckLinkAsync(request, ActivationPurposes, ct);

    public Task<IResult> ActivateAsync(HttpRequest request, CancellationToken ct) => SetPasswordAsync(request, ActivationPurposes, ct);

    public async Task<IResult> RequestPasswordResetAsync(HttpRequest request, CancellationToken ct)
    {
        var login = await JsonBody.ReadCheckedAsync<ResetRequest, string>(request, (b, errors) => ValidateLogin(errors, b.Login), b => b.Login!, ct);
        if (!login.Ok)
        {
            return login.Problem;
        }
        if (limits.RefusedForLogin(login.Value) is { } tooMany)
        {
            return tooMany;
        }
        await passwords.RequestResetAsync(login.Value, ClientIp.Of(request), ct);
        return TypedResults.Accepted((string?)null);
    }

    public Task<IResult> CheckPasswordResetAsync(HttpRequest request, CancellationToken ct) => CheckLinkAsync(request, ResetPurposes, ct);

    public Task<IResult> ConfirmPasswordResetAsync(HttpRequest request, CancellationToken ct) => SetPasswordAsync(request, ResetPurposes, ct);

    public async Task<IResult> ChangePasswordAsync(HttpRequest request, CancellationToken ct)
    {
        var call = await access.WithBodyAsync(request, area: null, ReadPasswordChangeAsync, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, (current, next)) = call.Value;
        return await RefusedWhenBusyAsync(async () => NoContentUnless(await passwords.ChangeAsync(caller, current, next, ClientIp.Of(request), ct)));
    }

    public async Task<IResult> MeAsync(HttpRequest request, CancellationToken ct)
    {
        var caller = await access.RequireAsync(request, area: null, ct);
        return caller.Ok ? TypedResults.Ok(PrincipalDto.From(caller.Caller.Account)) : caller.Denied;
    }

    public async Task<IResult> JwksAsync(HttpRequest request, CancellationToken ct) =>
        TypedResults.Ok(new JwkSet(await keys.PublicKeysAsync(ct)));

    /// <summary>Whose link meant for one of <paramref name="purposes"/> this is, without spending it; 410 once it is unusable.</summary>
    private async Task<IResult> CheckLinkAsync(HttpRequest request, IReadOnlySet<LinkPurpose> purposes, CancellationToken ct)
    {
        var token = await JsonBody.ReadCheckedAsync<LinkRequest, string>(request, (b, errors) => errors.Required("token", b.Token), b => b.Token!, ct);
        if (!token.Ok)
        {
            return token.Problem;
        }
        var link = await links.FindAsync(token.Value, purposes, ct);
        return link is null
            ? Problems.Gone()
            : TypedResults.Ok(new LinkInfo(link.Account.Name, link.Account.Login, LinkCheck.PurposeName(link.Mail.Purpose), link.Mail.ExpiresAt));
    }

    /// <summary>Sets a password through a link meant for one of <paramref name="purposes"/>.</summary>
    private async Task<IResult> SetPasswordAsync(HttpRequest request, IReadOnlySet<LinkPurpose> purposes, CancellationToken ct)
    {
        var body = await JsonBody.ReadCheckedAsync<SetPasswordRequest, (string Token, string Password)>(request, (b, errors) =>
        {
            errors.Required("token", b.Token);
            errors.Required("password", b.Password);
        }, b => (b.Token!, b.Password!), ct);
        if (!body.Ok)
        {
            return body.Problem;
        }
        return await RefusedWhenBusyAsync(async () =>
            NoContentUnless(await activation.SetPasswordAsync(body.Value.Token, body.Value.Password, purposes, ClientIp.Of(request), ct)));
    }

    private static Task<Checked<(string Login, string Password)>> ReadLoginAsync(HttpRequest request, CancellationToken ct) =>
        JsonBody.ReadCheckedAsync<LoginRequest, (string, string)>(request, (b, errors) =>
        {
            ValidateLogin(errors, b.Login);
            if (errors.Required("password", b.Password) && (b.Password.Length > PasswordPolicy.MaxLength || b.Password.Any(char.IsControl)))
            {
                errors.Add("password", $"The password must have at most {PasswordPolicy.MaxLength} characters and no control characters.");
            }
        }, b => (b.Login!, b.Password!), ct);

    private static Task<Checked<(string Current, string New)>> ReadPasswordChangeAsync(HttpRequest request, CancellationToken ct) =>
        JsonBody.ReadCheckedAsync<ChangePasswordRequest, (string, string)>(request, (b, errors) =>
        {
            if (errors.Required("currentPassword", b.CurrentPassword) && b.CurrentPassword.Length > PasswordPolicy.MaxLength)
            {
                errors.Add("currentPassword", $"The password must have at most {PasswordPolicy.MaxLength} characters.");
            }
            errors.Required("newPassword", b.NewPassword);
        }, b => (b.CurrentPassword!, b.NewPassword!), ct);

    private static Task<Checked<string>> ReadRefreshTokenAsync(HttpRequest request, CancellationToken ct) =>
        JsonBody.ReadCheckedAsync<RefreshRequest, string>(request, (b, errors) => errors.Required("refreshToken", b.RefreshToken), b => b.RefreshToken!, ct);

    private static void ValidateLogin(ValidationErrors errors, string? login)
    {
        if (errors.Required("login", login) && (login.Length > LoginName.MaxEmailLength || login.Any(char.IsControl)))
        {
            errors.Add("login", "login is too long or contains control characters.");
        }
    }

    private static IResult NoContentUnless(Refusal? refusal) => Problems.For(refusal) ?? TypedResults.NoContent();

    /// <summary>A handler that hashes a password, answered 503 with <c>Retry-After</c> when hashing is saturated.</summary>
    private static async Task<IResult> RefusedWhenBusyAsync(Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (HashingBusyException busy)
        {
            return Problems.Busy(busy.RetryAfter);
        }
    }

    private async Task<TokenResponse> IssueAsync(Account account, string refreshToken, CancellationToken ct)
    {
        var (accessToken, expiresIn) = await tokens.IssueAsync(account, RefreshSessions.SessionIdOf(refreshToken)!, ct);
        return new TokenResponse(accessToken, "Bearer", expiresIn, refreshToken, PrincipalDto.From(account));
    }
}
