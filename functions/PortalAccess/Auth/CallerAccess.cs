using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using PortalAccess.Http;
using PortalAccess.Storage;

namespace PortalAccess.Auth;

/// <summary>The authenticated principal of a request, with the rights stored for it right now and the address it called from.</summary>
public sealed record Caller(Account Account, string? SessionId = null, string? Ip = null)
{
    public string CustomerNumber => Account.CustomerNumber;
    public string Id => Account.Id;
    public IReadOnlySet<string> Grants => AccessTokens.EffectiveGrants(Account);

    /// <summary>Portal areas belong to the owner and users; desks hold features, never areas.</summary>
    public bool HoldsArea(string area) => Account.Kind is PrincipalKind.Owner or PrincipalKind.User && Grants.Contains(area);
}

/// <summary>The result of an access check: a caller, or the 401/403 that answers the request.</summary>
public readonly record struct Access(Caller? Caller, IResult? Denied)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Caller))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Denied))]
    public bool Ok => Denied is null;
}

/// <summary>A call on one principal: who calls, and whom it is about.</summary>
public sealed record TargetCall(Caller Caller, Account Target);

/// <summary>A call that carries a validated body.</summary>
public sealed record BodyCall<TBody>(Caller Caller, TBody Body);

/// <summary>A call for one page of a list.</summary>
public sealed record PageCall(Caller Caller, PageRequest Page);

/// <summary>A call on one principal that carries a validated body.</summary>
public sealed record TargetBodyCall<TBody>(Caller Caller, Account Target, TBody Body);

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

    /// <param name="area">The portal area the caller must hold, or null for any signed-in principal.</param>
    public async Task<Access> RequireAsync(HttpRequest request, string? area, CancellationToken ct)
    {
        var caller = await AuthenticateAsync(request, ct);
        if (caller is null)
        {
            return new(null, Problems.Unauthorized());
        }
        if (area is not null && !caller.HoldsArea(area))
        {
            return new(null, Problems.Forbidden($"This needs the '{area}' area."));
        }
        return new(caller, null);
    }

    /// <summary>
    /// The caller (holding <paramref name="area"/>) and the principal of <paramref name="group"/> with that id in the
    /// caller's own customer; 404 when there is none there, 412 for a write whose <c>If-Match</c> is stale.
    /// </summary>
    public async Task<Checked<TargetCall>> TargetAsync(
        HttpRequest request, string area, PrincipalGroup group, string id, bool forWrite, CancellationToken ct)
    {
        var access = await RequireAsync(request, area, ct);
        if (!access.Ok)
        {
            return new Refused(access.Denied);
        }
        var target = await accounts.GetAsync(access.Caller.CustomerNumber, group, id, ct);
        if (target is null)
        {
            return new Refused(Problems.NotFound());
        }
        if (forWrite && !ETags.IfMatchAllows(request, target.ETag))
        {
            return new Refused(Problems.PreconditionFailed());
        }
        return new TargetCall(access.Caller, target);
    }

    /// <summary>The caller (holding <paramref name="area"/>, if one is named) and the body <paramref name="read"/> validated, in one step.</summary>
    public async Task<Checked<BodyCall<TBody>>> WithBodyAsync<TBody>(
        HttpRequest request, string? area, Func<HttpRequest, CancellationToken, Task<Checked<TBody>>> read, CancellationToken ct)
    {
        var access = await RequireAsync(request, area, ct);
        if (!access.Ok)
        {
            return new Refused(access.Denied);
        }
        var body = await read(request, ct);
        if (!body.Ok)
        {
            return new Refused(body.Problem);
        }
        return new BodyCall<TBody>(access.Caller, body.Value);
    }

    /// <summary><see cref="TargetAsync"/> for a write, and the validated body, in one step.</summary>
    public async Task<Checked<TargetBodyCall<TBody>>> TargetWithBodyAsync<TBody>(HttpRequest request, string area, PrincipalGroup group, string id,
        Func<HttpRequest, CancellationToken, Task<Checked<TBody>>> read, CancellationToken ct)
    {
        var target = await TargetAsync(request, area, group, id, forWrite: true, ct);
        if (!target.Ok)
        {
            return new Refused(target.Problem);
        }
        var body = await read(request, ct);
        if (!body.Ok)
        {
            return new Refused(body.Problem);
        }
        return new TargetBodyCall<TBody>(target.Value.Caller, target.Value.Target, body.Value);
    }

    /// <summary>The caller (holding <paramref name="area"/>) and the page of a list it asks for, in one step.</summary>
    public async Task<Checked<PageCall>> PageAsync(HttpRequest request, string area, CancellationToken ct)
    {
        var access = await RequireAsync(request, area, ct);
        if (!access.Ok)
        {
            return new Refused(access.Denied);
        }
        var page = PageRequest.From(request);
        return page.Ok ? new PageCall(access.Caller, page.Value) : new Refused(page.Problem);
    }

    /// <summary>A page of the caller's own principals of one group (users, or desks), for a caller holding <paramref name="area"/>.</summary>
    public async Task<IResult> ListAsync<TDto>(HttpRequest request, string area, PrincipalGroup group, Func<Account, TDto> toDto, CancellationToken ct)
    {
        var call = await PageAsync(request, area, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, page) = call.Value;
        var (items, last) = await accounts.ListAsync(caller.CustomerNumber, group, page.PageSize, page.AfterKey, ct);
        return TypedResults.Ok(new Page<TDto>(items.Select(toDto).ToList(), PageRequest.Encode(last)));
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
        return account is { Status: AccountStatus.Active } && account.Kind == subject.Kind ? new Caller(account, subject.SessionId, ClientIp.Of(request)) : null;
    }
}
