using Microsoft.AspNetCore.Http;
using PortalAccess.Auth.Passwords;
using PortalAccess.Auth.SignIn;
using PortalAccess.Http;
using PortalAccess.Principals;

namespace PortalAccess.Auth.Links;

/// <summary>The links mails carry: activation and desk welcome links, and password reset links (asked for, checked, spent).</summary>
public sealed class LinkEndpoints(LinkCheck links, AccountActivation activation, PasswordChanges passwords, AuthRateLimits limits)
{
    /// <summary>This flow's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("CheckActivation", "POST", ApiRoutes.ActivationCheck, RouteAccess.Public, "Whose activation link is this?",
            Request: typeof(LinkRequest), Response: typeof(LinkInfo))
        {
            RateLimited = true,
            Refusals = [410],
            Handler = (HttpRequest r, LinkEndpoints h, CancellationToken ct) => h.CheckActivationAsync(r, ct),
        },
        new("Activate", "POST", ApiRoutes.Activation, RouteAccess.Public, "Set the password through an activation link",
            Request: typeof(SetPasswordRequest), Status: 204)
        {
            RateLimited = true,
            Refusals = [410, 503],
            Example = new SetPasswordRequest("<token from the mail link>", "correct horse battery staple"),
            Handler = (HttpRequest r, LinkEndpoints h, CancellationToken ct) => h.ActivateAsync(r, ct),
        },
        new("RequestPasswordReset", "POST", ApiRoutes.PasswordReset, RouteAccess.Public, "Ask for a password reset mail",
            Request: typeof(ResetRequest), Status: 202)
        {
            RateLimited = true,
            Handler = (HttpRequest r, LinkEndpoints h, CancellationToken ct) => h.RequestPasswordResetAsync(r, ct),
        },
        new("CheckPasswordReset", "POST", ApiRoutes.PasswordResetCheck, RouteAccess.Public, "Whose password reset link is this?",
            Request: typeof(LinkRequest), Response: typeof(LinkInfo))
        {
            RateLimited = true,
            Refusals = [410],
            Handler = (HttpRequest r, LinkEndpoints h, CancellationToken ct) => h.CheckPasswordResetAsync(r, ct),
        },
        new("ConfirmPasswordReset", "POST", ApiRoutes.PasswordResetConfirm, RouteAccess.Public, "Set a new password through a reset link",
            Request: typeof(SetPasswordRequest), Status: 204)
        {
            RateLimited = true,
            Refusals = [410, 503],
            Handler = (HttpRequest r, LinkEndpoints h, CancellationToken ct) => h.ConfirmPasswordResetAsync(r, ct),
        },
    ];

    private static readonly IReadOnlySet<LinkPurpose> ActivationPurposes =
        new HashSet<LinkPurpose> { LinkPurpose.Activation, LinkPurpose.DeskWelcome };
    private static readonly IReadOnlySet<LinkPurpose> ResetPurposes = new HashSet<LinkPurpose> { LinkPurpose.PasswordReset };

    public Task<IResult> CheckActivationAsync(HttpRequest request, CancellationToken ct) => CheckLinkAsync(request, ActivationPurposes, ct);

    public Task<IResult> ActivateAsync(HttpRequest request, CancellationToken ct) => SetPasswordAsync(request, ActivationPurposes, ct);

    public async Task<IResult> RequestPasswordResetAsync(HttpRequest request, CancellationToken ct)
    {
        var login = await JsonBody.ReadCheckedAsync<ResetRequest, string>(
            request, (b, errors) => LoginName.Validate(errors, b.Login), b => b.Login!, ct);
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

    public Task<IResult> ConfirmPasswordResetAsync(HttpRequest request, CancellationToken ct) =>
        SetPasswordAsync(request, ResetPurposes, ct);

    /// <summary>Whose link meant for one of <paramref name="purposes"/> this is, without spending it; 410 once it is unusable.</summary>
    private async Task<IResult> CheckLinkAsync(HttpRequest request, IReadOnlySet<LinkPurpose> purposes, CancellationToken ct)
    {
        var token = await JsonBody.ReadCheckedAsync<LinkRequest, string>(
            request, (b, errors) => errors.Required("token", b.Token), b => b.Token!, ct);
        if (!token.Ok)
        {
            return token.Problem;
        }
        var link = await links.FindAsync(token.Value, purposes, ct);
        return link is null
            ? Problems.Gone()
            : TypedResults.Ok(new LinkInfo(
                link.Account.Name, link.Account.Login, LinkCheck.PurposeName(link.Mail.Purpose), link.Mail.ExpiresAt));
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
        return await HashingAnswers.UnlessBusyAsync(async () => Problems.OrNoContent(
            await activation.SetPasswordAsync(body.Value.Token, body.Value.Password, purposes, ClientIp.Of(request), ct)));
    }
}
