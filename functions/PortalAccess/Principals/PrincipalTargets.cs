using Microsoft.AspNetCore.Http;
using PortalAccess.Auth.Callers;
using PortalAccess.Http;
using PortalAccess.Storage;

namespace PortalAccess.Principals;

/// <summary>
/// Finds what a call on managed principals is about, always inside the caller's own customer: one principal (404 when
/// there is none there, 412 for a write whose <c>If-Match</c> is stale), or one page of them.
/// </summary>
public sealed class PrincipalTargets(CallerAccess access, AccountStore accounts)
{
    /// <summary>The caller (holding <paramref name="area"/>) and the principal of <paramref name="group"/> with that id.</summary>
    public async Task<Checked<TargetCall>> TargetAsync(
        HttpRequest request, string area, PrincipalGroup group, string id, bool forWrite, CancellationToken ct)
    {
        var caller = await access.RequireAsync(request, area, ct);
        if (!caller.Ok)
        {
            return new Refused(caller.Problem);
        }
        var target = await accounts.GetAsync(caller.Value.CustomerNumber, group, id, ct);
        if (target is null)
        {
            return new Refused(Problems.NotFound());
        }
        if (forWrite && !ETags.IfMatchAllows(request, target.ETag))
        {
            return new Refused(Problems.PreconditionFailed());
        }
        return new TargetCall(caller.Value, target);
    }

    /// <summary><see cref="TargetAsync"/> for a write, and the validated body, in one step.</summary>
    public async Task<Checked<TargetBodyCall<TBody>>> TargetWithBodyAsync<TBody>(HttpRequest request, string area, PrincipalGroup group,
        string id, Func<HttpRequest, CancellationToken, Task<Checked<TBody>>> read, CancellationToken ct)
    {
        var target = await TargetAsync(request, area, group, id, forWrite: true, ct);
        if (!target.Ok)
        {
            return new Refused(target.Problem);
        }
        var body = await read(request, ct);
        return body.Ok ? new TargetBodyCall<TBody>(target.Value.Caller, target.Value.Target, body.Value) : new Refused(body.Problem);
    }

    /// <summary>
    /// A page of the caller's own principals of one group (users, or desks), for a caller holding <paramref
    /// name="area"/>.
    /// </summary>
    public async Task<IResult> ListAsync<TDto>(
        HttpRequest request, string area, PrincipalGroup group, Func<Account, TDto> toDto, CancellationToken ct)
    {
        var call = await access.PageAsync(request, area, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, page) = call.Value;
        var (items, last) = await accounts.ListAsync(caller.CustomerNumber, group, page.PageSize, page.AfterKey, ct);
        return TypedResults.Ok(new Page<TDto>(items.Select(toDto).ToList(), PageRequest.Encode(last)));
    }
}
