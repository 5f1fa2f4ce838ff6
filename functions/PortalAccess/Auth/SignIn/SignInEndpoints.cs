using Microsoft.AspNetCore.Http;
using PortalAccess.Auth.Passwords;
using PortalAccess.Auth.Tokens;
using PortalAccess.Http;

namespace PortalAccess.Auth.SignIn;

/// <summary>Sign-in with a login and a password (DESIGN.md rules 6 and 7).</summary>
public sealed class SignInEndpoints(PasswordSignIn signIn, SessionTokens tokens, AuthRateLimits limits)
{
    /// <summary>This flow's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("Login", "POST", ApiRoutes.Login, RouteAccess.Public, "Sign in with customer number, email or phone number",
            Request: typeof(LoginRequest), Response: typeof(TokenResponse))
        {
            RateLimited = true,
            Refusals = [401, 503],
            Example = new LoginRequest("100001", "correct horse battery staple"),
            Handler = (HttpRequest r, SignInEndpoints h, CancellationToken ct) => h.LoginAsync(r, ct),
        },
    ];

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
        return await HashingAnswers.UnlessBusyAsync(async () =>
        {
            var account = await signIn.SignInAsync(body.Value.Login, body.Value.Password, ClientIp.Of(request), ct);
            return account is null ? Problems.InvalidCredentials() : TypedResults.Ok(await tokens.StartAsync(account, ct));
        });
    }

    private static Task<Checked<(string Login, string Password)>> ReadLoginAsync(HttpRequest request, CancellationToken ct) =>
        JsonBody.ReadCheckedAsync<LoginRequest, (string, string)>(request, (b, errors) =>
        {
            LoginName.Validate(errors, b.Login);
            if (errors.Required("password", b.Password) && (b.Password.Length > PasswordPolicy.MaxLength || b.Password.Any(char.IsControl)))
            {
                errors.Add("password", $"The password must have at most {PasswordPolicy.MaxLength} characters and no control characters.");
            }
        }, b => (b.Login!, b.Password!), ct);
}
