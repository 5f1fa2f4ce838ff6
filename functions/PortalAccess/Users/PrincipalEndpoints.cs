using Microsoft.AspNetCore.Http;
using PortalAccess.Auth;
using PortalAccess.Http;
using PortalAccess.Storage;

namespace PortalAccess.Users;

/// <summary>What a collection of managed principals (users, desks) lets its managers do; the rules live in the implementation.</summary>
public interface IPrincipalManagement<in TChange>
{
    Task<Outcome<Account>> CreateAsync(Caller caller, TChange change, CancellationToken ct);

    Task<Outcome<Account>> UpdateAsync(Caller caller, Account target, TChange change, CancellationToken ct);

    Task<Refusal?> DeleteAsync(Caller caller, Account target, CancellationToken ct);

    Task<Outcome<Account>> ResendActivationAsync(Caller caller, Account target, CancellationToken ct);
}

/// <summary>
/// The HTTP side of a collection of managed principals (<c>/api/users</c>, <c>/api/officedesks</c>): every handler needs
/// the caller to hold <paramref name="area"/>, finds its target among the caller's own principals of
/// <paramref name="group"/>, and answers with the ETag of what it wrote.
/// </summary>
public abstract class PrincipalEndpoints<TChange, TDto>(
    CallerAccess access, IPrincipalManagement<TChange> management, string area, PrincipalGroup group, string byIdRoute)
{
    public Task<IResult> ListAsync(HttpRequest request, CancellationToken ct) => access.ListAsync(request, area, group, Dto, ct);

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
        var call = await access.TargetAsync(request, area, group, id, forWrite: false, ct);
        return call.Ok ? ETags.Answer(request, call.Value.Target, a => TypedResults.Ok(Dto(a))) : call.Problem;
    }

    public async Task<IResult> UpdateAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await access.TargetWithBodyAsync(request, area, group, id, ReadAsync, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        var (caller, target, body) = call.Value;
        return ETags.Answer(request, await management.UpdateAsync(caller, target, body, ct), a => TypedResults.Ok(Dto(a)));
    }

    public async Task<IResult> DeleteAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await access.TargetAsync(request, area, group, id, forWrite: true, ct);
        if (!call.Ok)
        {
            return call.Problem;
        }
        return Problems.For(await management.DeleteAsync(call.Value.Caller, call.Value.Target, ct)) ?? TypedResults.NoContent();
    }

    public async Task<IResult> ResendActivationAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var call = await access.TargetAsync(request, area, group, id, forWrite: false, ct);
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
