using Microsoft.AspNetCore.Http;
using PortalAccess.Audit;
using PortalAccess.Auth;
using PortalAccess.Catalogs;
using PortalAccess.Http;
using PortalAccess.Storage;

namespace PortalAccess.Users;

/// <summary>The Users API: every handler needs the caller to hold <c>user-management</c>.</summary>
public sealed class UserEndpoints(CallerAccess access, AccountStore accounts, UserDirectory users, AuditLog audit, TimeProvider time)
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
        return TypedResults.Ok(new Page<UserDto>(items.Select(Dto).ToList(), PageRequest.Encode(last)));
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
        await AuditAsync(request, caller, "user.created", created!, AuditLog.Diff(
            ("name", null, created!.Name), ("email", null, created.Email), ("areas", null, Sorted(created.Grants))), ct);
        ETags.Set(request.HttpContext, created.ETag);
        return TypedResults.Created($"/api/users/{created.Id}", Dto(created));
    }

    public async Task<IResult> GetAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (_, user, problem) = await FindAsync(request, id, forWrite: false, ct);
        if (problem is not null)
        {
            return problem;
        }
        ETags.Set(request.HttpContext, user!.ETag);
        return TypedResults.Ok(Dto(user));
    }

    public async Task<IResult> UpdateAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (caller, user, problem) = await FindAsync(request, id, forWrite: true, ct);
        var (body, invalid) = problem is null ? await ReadAsync(request, ct) : default;
        var areas = body?.Areas!.ToHashSet();
        if ((problem ?? invalid ?? GrantCheck.CanUpdate(caller!, user!, areas!)) is { } refused)
        {
            return refused;
        }
        var (outcome, saved) = await users.UpdateAsync(user!, body!.Name!.Trim(), body.Email!.Trim(), areas!, ct);
        if (Answer(request, outcome, saved) is { } failed)
        {
            return failed;
        }
        await AuditAsync(request, caller!, "user.updated", saved!, AuditLog.Diff(("name", user!.Name, saved!.Name),
            ("email", user.Email, saved.Email), ("areas", Sorted(user.Grants), Sorted(saved.Grants)), ("status", Status(user), Status(saved))), ct);
        return TypedResults.Ok(Dto(saved));
    }

    public async Task<IResult> DeleteAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (caller, user, problem) = await FindAsync(request, id, forWrite: true, ct);
        if ((problem ?? GrantCheck.CanDelete(caller!, user!)) is { } refused)
        {
            return refused;
        }
        if (await users.DeleteAsync(user!, ct) != WriteOutcome.Done)
        {
            return Problems.PreconditionFailed();
        }
        await AuditAsync(request, caller!, "user.deleted", user!, AuditLog.Diff(
            ("name", user!.Name, null), ("email", user.Email, null), ("areas", Sorted(user.Grants), null)), ct);
        return TypedResults.NoContent();
    }

    public async Task<IResult> ResendActivationAsync(HttpRequest request, string id, CancellationToken ct)
    {
        var (caller, user, problem) = await FindAsync(request, id, forWrite: false, ct);
        if ((problem ?? GrantCheck.CanManage(caller!, user!) ?? (user!.Status == AccountStatus.Invited ? null
                : Problems.Conflict("not-invited", "The user has activated their login already."))) is { } refused)
        {
            return refused;
        }
        var (outcome, saved) = await users.ResendAsync(user!, ct);
        if (Answer(request, outcome, saved) is { } failed)
        {
            return failed;
        }
        await AuditAsync(request, caller!, "user.activation-resent", saved!, null, ct);
        return TypedResults.Accepted($"/api/users/{id}");
    }

    private static async Task<(UserRequest? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadValidAsync<UserRequest>(request, UserValidation.Validate, ct);
        return (body.Value, body.Problem);
    }

    /// <summary>The caller (holding user-management) and the user with that id of the caller's customer; 404 otherwise.</summary>
    private async Task<(Caller? Caller, Account? User, IResult? Problem)> FindAsync(HttpRequest request, string id, bool forWrite, CancellationToken ct)
    {
        var (caller, denied) = await access.RequireAsync(request, Catalog.UserManagement, ct);
        if (denied is not null)
        {
            return (null, null, denied);
        }
        var user = await accounts.GetAsync(caller!.CustomerNumber, PrincipalKind.User, id, ct);
        if (user is null)
        {
            return (null, null, Problems.NotFound());
        }
        return forWrite && !ETags.IfMatchAllows(request, user.ETag) ? (null, null, Problems.PreconditionFailed()) : (caller, user, null);
    }

    private Task AuditAsync(HttpRequest request, Caller caller, string action, Account target,
        IReadOnlyDictionary<string, AuditChange>? changes, CancellationToken ct) =>
        audit.WriteAsync(caller.CustomerNumber, AuditParty.Of(caller.Account), action, AuditParty.Of(target), changes, ClientIp.Of(request), ct);

    private static string[] Sorted(IEnumerable<string> grants) => grants.Order(StringComparer.Ordinal).ToArray();

    private static string Status(Account a) => UserDto.From(a).Status;

    private UserDto Dto(Account a) => UserDto.From(a, time.GetUtcNow());

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
