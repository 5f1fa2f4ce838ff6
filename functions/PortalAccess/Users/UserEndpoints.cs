using Microsoft.AspNetCore.Http;
using PortalAccess.Auth;
using PortalAccess.Catalogs;
using PortalAccess.Http;
using PortalAccess.Storage;

namespace PortalAccess.Users;

/// <summary>The Users API: every handler needs the caller to hold <c>user-management</c>.</summary>
public sealed class UserEndpoints(CallerAccess access, AccountStore accounts, UserDirectory users)
{
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken ct)
    {
        var (caller, denied) = await access.RequireAsync(request, Catalog.UserManagement, ct);
        var (page, invalid) = PageRequest.From(request);
        if ((denied ?? invalid) is { } problem)
        {
            return problem;
        }
        var (items, last) = await accounts.ListAsync(caller!.CustomerNumber, PrincipalKind.User, page!.PageSize, page.AfterKey, ct);
        return TypedResults.Ok(new Page<UserDto>(items.Select(UserDto.From).ToList(), PageRequest.Encode(last)));
    }

    public async Task<IResult> CreateAsync(HttpRequest request, CancellationToken ct)
    {
        var (caller, denied) = await access.RequireAsync(request, Catalog.UserManagement, ct);
        if (denied is not null)
        {
            return denied;
        }
        var (body, invalid) = await ReadAsync(request, ct);
        if ((invalid ?? GrantCheck.CanGrant(caller!, body!.Areas!)) is { } problem)
        {
            return problem;
        }
        var draft = users.NewAccount(caller!.CustomerNumber, PrincipalKind.User, body!.Name!.Trim(), body.Email!.Trim(), body.Areas!.ToHashSet(), caller.Id);
        var (outcome, created) = await users.CreateAsync(draft, ct);
        if (outcome == WriteOutcome.LoginTaken)
        {
            return Problems.Conflict("login-taken", "This email address is already used by another login.");
        }
        ETags.Set(request.HttpContext, created!.ETag);
        return TypedResults.Created($"/api/users/{created.Id}", UserDto.From(created));
    }

    public async Task<IResult> GetAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (caller, denied) = await access.RequireAsync(request, Catalog.UserManagement, ct);
        if (denied is not null)
        {
            return denied;
        }
        var user = await accounts.GetAsync(caller!.CustomerNumber, PrincipalKind.User, id, ct);
        if (user is null)
        {
            return Problems.NotFound();
        }
        ETags.Set(request.HttpContext, user.ETag);
        return TypedResults.Ok(UserDto.From(user));
    }

    public async Task<IResult> UpdateAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (caller, denied) = await access.RequireAsync(request, Catalog.UserManagement, ct);
        if (denied is not null)
        {
            return denied;
        }
        var (body, invalid) = await ReadAsync(request, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        var (user, refused) = await LoadForWriteAsync(request, caller!, id, ct);
        var areas = body!.Areas!.ToHashSet();
        if ((refused ?? GrantCheck.CanUpdate(caller!, user!, areas)) is { } problem)
        {
            return problem;
        }
        var (outcome, saved) = await users.UpdateAsync(user!, body.Name!.Trim(), body.Email!.Trim(), areas, ct);
        return Answer(request, outcome, saved) ?? TypedResults.Ok(UserDto.From(saved!));
    }

    public async Task<IResult> DeleteAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (caller, denied) = await access.RequireAsync(request, Catalog.UserManagement, ct);
        if (denied is not null)
        {
            return denied;
        }
        var (user, refused) = await LoadForWriteAsync(request, caller!, id, ct);
        if ((refused ?? GrantCheck.CanDelete(caller!, user!)) is { } problem)
        {
            return problem;
        }
        return await users.DeleteAsync(user!, ct) == WriteOutcome.Done ? TypedResults.NoContent() : Problems.PreconditionFailed();
    }

    public async Task<IResult> ResendActivationAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (caller, denied) = await access.RequireAsync(request, Catalog.UserManagement, ct);
        if (denied is not null)
        {
            return denied;
        }
        var user = await accounts.GetAsync(caller!.CustomerNumber, PrincipalKind.User, id, ct);
        if (user is null)
        {
            return Problems.NotFound();
        }
        if ((GrantCheck.CanManage(caller, user) ?? (user.Status == AccountStatus.Invited ? null
                : Problems.Conflict("not-invited", "The user has activated their login already."))) is { } problem)
        {
            return problem;
        }
        var (outcome, saved) = await users.ResendAsync(user, ct);
        return Answer(request, outcome, saved) ?? TypedResults.Accepted($"/api/users/{id}");
    }

    private static async Task<(UserRequest? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<UserRequest>(request, ct);
        if (body.Problem is not null)
        {
            return (null, body.Problem);
        }
        var errors = UserValidation.Validate(body.Value!);
        return errors.Any ? (null, Problems.Validation(errors.ToDictionary())) : (body.Value, null);
    }

    private async Task<(Account? User, IResult? Problem)> LoadForWriteAsync(HttpRequest request, Caller caller, string id, CancellationToken ct)
    {
        var user = await accounts.GetAsync(caller.CustomerNumber, PrincipalKind.User, id, ct);
        if (user is null)
        {
            return (null, Problems.NotFound());
        }
        return ETags.IfMatchAllows(request, user.ETag) ? (user, null) : (null, Problems.PreconditionFailed());
    }

    private static IResult? Answer(HttpRequest request, WriteOutcome outcome, Account? saved)
    {
        switch (outcome)
        {
            case WriteOutcome.LoginTaken:
                return Problems.Conflict("login-taken", "This email address is already used by another login.");
            case WriteOutcome.Stale:
                return Problems.PreconditionFailed();
            default:
                ETags.Set(request.HttpContext, saved!.ETag);
                return null;
        }
    }
}
