using PortalAccess.Audit;
using PortalAccess.Auth.Callers;
using PortalAccess.Principals;

namespace PortalAccess.OfficeDesks;

/// <summary>
/// What a holder of <c>cloud-pbx</c> does to the desks of their customer. PBX desks are theirs to manage; SIP desks
/// follow the telephony system's SIP accounts and only its events change them. Each operation writes through the
/// <see cref="PrincipalDirectory"/> and records itself in the audit trail; a refused operation writes nothing.
/// </summary>
public sealed class DeskManagement(PrincipalDirectory directory, AuditLog audit) : IPrincipalManagement<DeskChange>
{
    public async Task<Outcome<Account>> CreateAsync(Caller caller, DeskChange change, CancellationToken ct)
    {
        var draft = directory.NewAccount(
                caller.CustomerNumber, PrincipalKind.PbxDesk, change.Name, change.Email, change.Features, caller.Account)
            with { Extension = change.Extension, Source = DeskSources.Manual };
        var create = await directory.CreateAsync(draft, ct);
        if (!create.Done)
        {
            // a create meets no If-Match: whatever stopped it, the address belongs to someone else
            return Refusal.LoginTaken;
        }
        var created = create.Value;
        await audit.WriteAsync(caller, "desk.created", created, AuditLog.Diff(("name", null, created.Name), ("email", null, created.Email),
            ("extension", null, created.Extension), ("features", null, AuditLog.Sorted(created.Grants))), ct);
        return created;
    }

    public async Task<Outcome<Account>> UpdateAsync(Caller caller, Account target, DeskChange change, CancellationToken ct)
    {
        if (ManagedByEvents(target) is { } refused)
        {
            return refused;
        }
        var desired = target with { Name = change.Name, Email = change.Email, Extension = change.Extension, Grants = change.Features };
        var update = await directory.UpdateAsync(target, desired, ct);
        if (update.Done)
        {
            var saved = update.Value;
            await audit.WriteAsync(caller, "desk.updated", saved, AuditLog.Diff(
                ("name", target.Name, saved.Name), ("email", target.Email, saved.Email),
                ("extension", target.Extension, saved.Extension),
                ("features", AuditLog.Sorted(target.Grants), AuditLog.Sorted(saved.Grants))), ct);
        }
        return update;
    }

    public async Task<Refusal?> DeleteAsync(Caller caller, Account target, CancellationToken ct)
    {
        if ((ManagedByEvents(target) ?? await directory.DeleteAsync(target, ct)) is { } refused)
        {
            return refused;
        }
        await audit.WriteAsync(caller, "desk.deleted", target, null, ct);
        return null;
    }

    /// <summary>A new welcome link for a desk that has not set its password yet; the previous link dies.</summary>
    public async Task<Outcome<Account>> ResendActivationAsync(Caller caller, Account target, CancellationToken ct)
    {
        if ((ManagedByEvents(target) ?? NotInvited(target)) is { } refused)
        {
            return refused;
        }
        var resent = await directory.ResendAsync(target, ct);
        if (resent.Done)
        {
            await audit.WriteAsync(caller, "desk.activation-resent", resent.Value, null, ct);
        }
        return resent;
    }

    private static Refusal? NotInvited(Account target) =>
        target.Status == AccountStatus.Invited ? null : Refusal.Conflict("not-invited", "The desk has set its password already.");

    /// <summary>SIP desks follow the telephony system's SIP accounts; only events change them.</summary>
    private static Refusal? ManagedByEvents(Account target) => target.Kind == PrincipalKind.SipDesk
        ? Refusal.Conflict("managed-by-telephony", "SIP desks follow the SIP accounts of the telephony system and cannot be changed here.")
        : null;
}
