using Microsoft.AspNetCore.Http;
using PortalAccess.Auth.Callers;
using PortalAccess.Http;

namespace PortalAccess.Principals;

/// <summary>
/// The HTTP side of a collection of managed principals (<c>/api/users</c>, <c>/api/officedesks</c>): every handler needs
/// the caller to hold <paramref name="area"/>, finds its target among the caller's own principals of
/// <paramref name="group"/>, and answers with the ETag of what it wrote.
/// </summary>
public abstract class PrincipalEndpoints<TChange, TDto>(
    CallerAccess access, PrincipalTargets targets, IPrincipalManagement<TChange> management, string area, PrincipalGroup group,
    string byIdRoute)
{
    public Task<IResult> ListAsync(HttpRequest request, CancellationToken ct) => targets.ListAsync(request, area, group, Dto, ct);

    public async Task<IResult> CreateAsync(HttpRequest request, CancellationToken ct)
    {
        var call = await access.WithBodyAsync(request, area, ReadAsync, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var created = await management.CreateAsync(call.Value.Caller, call.Value.Body, ct);
        return ETags.Answer(request, created, a => TypedResults.Created(ApiRoutes.PathOf(byIdRoute, a.Id), Dto(a)));
    }

    public async Task<IResult> GetAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await targets.TargetAsync(request, area, group, id, forWrite: false, ct);
        return call.Ok ? ETags.Answer(request, call.Value.Target, a => TypedResults.Ok(Dto(a))) : call.Problem;
    }

    public async Task<IResult> UpdateAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await targets.TargetWithBodyAsync(request, area, group, id, ReadAsync, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, target, body) = call.Value;
        return ETags.Answer(request, await management.UpdateAsync(caller, target, body, ct), a => TypedResults.Ok(Dto(a)));
    }

    public async Task<IResult> DeleteAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await targets.TargetAsync(request, area, group, id, forWrite: true, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        return Problems.OrNoContent(await management.DeleteAsync(call.Value.Caller, call.Value.Target, ct));
    }

    public async Task<IResult> ResendActivationAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await targets.TargetAsync(request, area, group, id, forWrite: false, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var resent = await management.ResendActivationAsync(call.Value.Caller, call.Value.Target, ct);
        return ETags.Answer(request, resent, a => TypedResults.Accepted(ApiRoutes.PathOf(byIdRoute, a.Id)));
    }

    /// <summary>The request body, validated into a change.</summary>
    protected abstract Task<Checked<TChange>> ReadAsync(HttpRequest request, CancellationToken ct);

    protected abstract TDto Dto(Account a);
}
