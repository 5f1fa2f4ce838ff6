using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PortalAccess.Auth;
using PortalAccess.Auth.Callers;
using PortalAccess.Auth.Links;
using PortalAccess.Auth.Passwords;
using PortalAccess.Auth.SignIn;
using PortalAccess.Auth.Tokens;
using PortalAccess.Http;

namespace PortalAccess.Functions;

/// <summary>Sign-in, sessions, activation links and the caller's own principal (<see cref="AuthEndpoints"/>).</summary>
public sealed class AuthFunctions(
    SignInEndpoints signIn, TokenEndpoints tokens, LinkEndpoints links, MeEndpoints me, PasswordEndpoints passwords, SigningKeyEndpoints keys)
{
    [Function("Login")]
    public Task<IResult> Login([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Login)] HttpRequest req, CancellationToken ct) =>
        signIn.LoginAsync(req, ct);

    [Function("Refresh")]
    public Task<IResult> Refresh([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Refresh)] HttpRequest req, CancellationToken ct) =>
        tokens.RefreshAsync(req, ct);

    [Function("Logout")]
    public Task<IResult> Logout([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Logout)] HttpRequest req, CancellationToken ct) =>
        tokens.LogoutAsync(req, ct);

    [Function("CheckActivation")]
    public Task<IResult> CheckActivation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ActivationCheck)] HttpRequest req, CancellationToken ct) =>
        links.CheckActivationAsync(req, ct);

    [Function("CheckPasswordReset")]
    public Task<IResult> CheckPasswordReset([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.PasswordResetCheck)] HttpRequest req, CancellationToken ct) =>
        links.CheckPasswordResetAsync(req, ct);

    [Function("Activate")]
    public Task<IResult> Activate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Activation)] HttpRequest req, CancellationToken ct) =>
        links.ActivateAsync(req, ct);

    [Function("RequestPasswordReset")]
    public Task<IResult> RequestPasswordReset([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.PasswordReset)] HttpRequest req, CancellationToken ct) =>
        links.RequestPasswordResetAsync(req, ct);

    [Function("ConfirmPasswordReset")]
    public Task<IResult> ConfirmPasswordReset([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.PasswordResetConfirm)] HttpRequest req, CancellationToken ct) =>
        links.ConfirmPasswordResetAsync(req, ct);

    [Function("GetMe")]
    public Task<IResult> GetMe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Me)] HttpRequest req, CancellationToken ct) =>
        me.MeAsync(req, ct);

    [Function("ChangeMyPassword")]
    public Task<IResult> ChangeMyPassword([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.MyPassword)] HttpRequest req, CancellationToken ct) =>
        passwords.ChangePasswordAsync(req, ct);

    [Function("GetJwks")]
    public Task<IResult> GetJwks([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Jwks)] HttpRequest req, CancellationToken ct) =>
        keys.JwksAsync(req, ct);
}
