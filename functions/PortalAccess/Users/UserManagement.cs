using PortalAccess.Audit;
using PortalAccess.Auth.Callers;
using PortalAccess.Principals;

namespace PortalAccess.Users;

/// <summary>
/// What a holder of <c>user-management</c> does to the users of their customer. Each operation checks the grant rule
/// (<see cref="GrantCheck"/>, DESIGN.md rule 2) first, writes through the <see cref="PrincipalDirectory"/>, and then
/// records itself in the audit trail; a refused operation writes nothing.
/// </summary>
public sealed class UserManagement(PrincipalDirectory directory, AuditLog audit) : IPrincipalManagement<UserChange>
{
    public async Task<Outcome<Account>> CreateAsync(Caller caller, UserChange change, CancellationToken ct)
    {
        if (GrantCheck.CanGrant(caller, change.Areas) is { } refused)
        {
            return refused;
        }
        var draft = directory.NewAccount(
            caller.CustomerNumber, PrincipalKind.User, change.Name, change.Email, change.Areas, caller.Account);
        var create = await directory.CreateAsync(draft, ct);
        if (!create.Done)
        {
            // a create meets no If-Match: whatever stopped it, the address belongs to someone else
            return Refusal.LoginTaken;
        }
        var created = create.Value;
        await audit.WriteAsync(caller, "user.created", created, AuditLog.Diff(
            ("name", null, created.Name), ("email", null, created.Email), ("areas", null, AuditLog.Sorted(created.Grants))), ct);
        return created;
    }

    public async Task<Outcome<Account>> UpdateAsync(Caller caller, Account target, UserChange change, CancellationToken ct)
    {
        if (GrantCheck.CanUpdate(caller, target, change.Areas) is { } refused)
        {
            return refused;
        }
        var update = await directory.UpdateAsync(
            target, target with { Name = change.Name, Email = change.Email, Grants = change.Areas }, ct);
        if (update.Done)
        {
            var saved = update.Value;
            await audit.WriteAsync(caller, "user.updated", saved, AuditLog.Diff(
                ("name", target.Name, saved.Name), ("email", target.Email, saved.Email),
                ("areas", AuditLog.Sorted(target.Grants), AuditLog.Sorted(saved.Grants)),
                ("status", Status(target), Status(saved))), ct);
        }
        return update;
    }

    public async Task<Refusal?> DeleteAsync(Caller caller, Account target, CancellationToken ct)
    {
        if ((GrantCheck.CanDelete(caller, target) ?? await directory.DeleteAsync(target, ct)) is { } refused)
        {
            return refused;
        }
        await audit.WriteAsync(caller, "user.deleted", target, AuditLog.Diff(
            ("name", target.Name, null), ("email", target.Email, null), ("areas", AuditLog.Sorted(target.Grants), null)), ct);
        return null;
    }

    /// <summary>A new activation link for a user who has not activated yet; the previous link dies.</summary>
    public async Task<Outcome<Account>> ResendActivationAsync(Caller caller, Account target, CancellationToken ct)
    {
        if ((GrantCheck.CanManage(caller, target) ?? NotInvited(target)) is { } refused)
        {
            return refused;
        }
        var resent = await directory.ResendAsync(target, ct);
        if (resent.Done)
        {
            await audit.WriteAsync(caller, "user.activation-resent", resent.Value, null, ct);
        }
        return resent;
    }

    private static Refusal? NotInvited(Account target) =>
        target.Status == AccountStatus.Invited ? null : Refusal.Conflict("not-invited", "The user has activated their login already.");

    private static string Status(Account a) => UserDto.From(a).Status;
}
