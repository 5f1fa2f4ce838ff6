using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using PortalAccess.Auth.Tokens;
using PortalAccess.Http;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.Auth.Callers;

/// <summary>
/// Authenticates the bearer token and reads the principal's current rights from storage on every request,
/// so a rights change, deletion or deactivation takes effect with the very next request (DESIGN.md rule 3).
/// </summary>
public sealed class CallerAccess(AccessTokens tokens, AccountStore accounts)
{
    /// <summary>
    /// Our access tokens are under 1 KiB; a longer header is refused before any parsing, so that a hostile client cannot
    /// make the token handler work through Kestrel's whole 32 KiB of headers.
    /// </summary>
    internal const int MaxAuthorizationLength = 8192;

    /// <summary>The signed-in caller, or the 401 (no valid token) or 403 (without <paramref name="area"/>) that answers instead.</summary>
    /// <param name="area">The portal area the caller must hold, or null for any signed-in principal.</param>
    public async Task<Checked<Caller>> RequireAsync(HttpRequest request, string? area, CancellationToken ct)
    {
        var caller = await AuthenticateAsync(request, ct);
        if (caller is null)
        {
            return new Refused(Problems.Unauthorized());
        }
        if (area is not null && !caller.HoldsArea(area))
        {
            return new Refused(Problems.Forbidden($"This needs the '{area}' area."));
        }
        return caller;
    }

    /// <summary>
    /// The caller (holding <paramref name="area"/>, if one is named) and the body <paramref name="read"/> validated, in
    /// one step.
    /// </summary>
    public async Task<Checked<BodyCall<TBody>>> WithBodyAsync<TBody>(
        HttpRequest request, string? area, Func<HttpRequest, CancellationToken, Task<Checked<TBody>>> read, CancellationToken ct)
    {
        var caller = await RequireAsync(request, area, ct);
        if (!caller.Ok)
        {
            return new Refused(caller.Problem);
        }
        var body = await read(request, ct);
        return body.Ok ? new BodyCall<TBody>(caller.Value, body.Value) : new Refused(body.Problem);
    }

    /// <summary>The caller (holding <paramref name="area"/>) and the page of a list it asks for, in one step.</summary>
    public async Task<Checked<PageCall>> PageAsync(HttpRequest request, string area, CancellationToken ct)
    {
        var caller = await RequireAsync(request, area, ct);
        if (!caller.Ok)
        {
            return new Refused(caller.Problem);
        }
        var page = PageRequest.From(request);
        return page.Ok ? new PageCall(caller.Value, page.Value) : new Refused(page.Problem);
    }

    private async Task<Caller?> AuthenticateAsync(HttpRequest request, CancellationToken ct)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length > MaxAuthorizationLength)
        {
            return null;
        }
        var subject = await tokens.ValidateAsync(header[scheme.Length..].Trim(), ct);
        if (subject is null)
        {
            return null;
        }
        var account = await accounts.GetAsync(subject.CustomerNumber, subject.Kind, subject.PrincipalId, ct);
        return account is { Status: AccountStatus.Active } && account.Kind == subject.Kind
            ? new Caller(account, subject.SessionId, ClientIp.Of(request))
            : null;
    }
}
