using PortalAccess.Auth.Callers;
using PortalAccess.Principals;

namespace PortalAccess.Users;

/// <summary>
/// No privilege escalation (DESIGN.md rule 2): grant only what you hold, manage only principals whose grants
/// are a subset of yours, never change your own grants, never delete yourself.
/// </summary>
public static class GrantCheck
{
    public static Refusal? CanGrant(Caller caller, IEnumerable<string> grants)
    {
        var lacking = grants.Where(g => !caller.Grants.Contains(g)).Order(StringComparer.Ordinal).ToList();
        return lacking.Count == 0
            ? null
            : Refusal.Escalation($"You can grant only what you hold yourself; you lack: {string.Join(", ", lacking)}.");
    }

    public static Refusal? CanManage(Caller caller, Account target) =>
        target.Grants.IsSubsetOf(caller.Grants)
            ? null
            : Refusal.Escalation("You can manage only principals whose rights are a subset of your own.");

    public static Refusal? CanUpdate(Caller caller, Account target, IReadOnlySet<string> grants) =>
        target.Id == caller.Id && !target.Grants.SetEquals(grants)
            ? Refusal.Escalation("You cannot change your own rights.")
            : CanManage(caller, target) ?? CanGrant(caller, grants);

    public static Refusal? CanDelete(Caller caller, Account target) =>
        target.Id == caller.Id ? Refusal.Escalation("You cannot delete yourself.") : CanManage(caller, target);
}
