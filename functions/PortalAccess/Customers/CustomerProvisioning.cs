using PortalAccess.Audit;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.Customers;

/// <summary>
/// Creates the owner of a customer (login = customer number) and invites them by mail; the billing system's changes are
/// audited.
/// </summary>
public sealed class CustomerProvisioning(AccountStore accounts, LoginIndex index, Mail.MailOutbox outbox, AuditLog audit,
    Microsoft.Extensions.Options.IOptions<PortalAccessOptions> options, TimeProvider time)
{
    /// <summary>
    /// <see cref="UpsertOwnerAsync"/>, recorded in the audit trail as the system's doing from <paramref name="ip"/>. A concurrent
    /// PUT of the same customer that won answers a conflict: there is no If-Match here, and this one may simply be sent again.
    /// </summary>
    public async Task<Outcome<(bool Created, Account Owner)>> ProvisionAsync(
        string customerNumber, string name, string email, string? ip, CancellationToken ct)
    {
        var upsert = await UpsertOwnerAsync(customerNumber, name, email, ct);
        if (!upsert.Done)
        {
            return Refusal.Conflict("customer-busy", "The customer was changed concurrently; retry.");
        }
        var (created, owner) = upsert.Value;
        await audit.WriteAsync(customerNumber, AuditParty.System, created ? "customer.provisioned" : "customer.updated",
            AuditParty.Of(owner), AuditLog.Diff(("name", null, owner.Name), ("email", null, owner.Email)), ip, ct);
        return upsert;
    }

    /// <summary>The owner, and whether this call created it; <see cref="Refusal.Stale"/> when a concurrent call changed it first.</summary>
    private async Task<Outcome<(bool Created, Account Owner)>> UpsertOwnerAsync(
        string customerNumber, string name, string email, CancellationToken ct)
    {
        var (existing, _) = await accounts.ListAsync(customerNumber, PrincipalGroup.Owner, 1, null, ct);
        return existing is [var current]
            ? await UpdateOwnerAsync(current, name, email, ct)
            : await CreateOwnerAsync(customerNumber, name, email, ct);
    }

    private TimeSpan ActivationLifetime => options.Value.Links.ActivationLifetime;

    /// <summary>The owner with the new name and email; a still invited owner is invited again at a new address.</summary>
    private async Task<Outcome<(bool Created, Account Owner)>> UpdateOwnerAsync(
        Account current, string name, string email, CancellationToken ct)
    {
        var updated = current with { Name = name, Email = email };
        var emailChanged = current.Email != email;
        if (emailChanged && current.Status == AccountStatus.Invited)
        {
            updated = outbox.Renew(updated, LinkPurpose.Activation, ActivationLifetime);
        }
        var written = await accounts.UpdateAsync(current, updated, ct);
        if (!written.Done)
        {
            return written.Refusal;
        }
        if (emailChanged && written.Value.Status == AccountStatus.Invited)
        {
            await outbox.EnqueueAsync(Mail.MailOutbox.RequestFor(written.Value), ct);
        }
        return (false, written.Value);
    }

    private async Task<Outcome<(bool Created, Account Owner)>> CreateOwnerAsync(
        string customerNumber, string name, string email, CancellationToken ct)
    {
        var owner = outbox.Renew(new Account
        {
            CustomerNumber = customerNumber, Id = OwnerId(customerNumber), Kind = PrincipalKind.Owner, Name = name, Login = customerNumber,
            Email = email, Status = AccountStatus.Invited, SecurityStamp = Account.NewStamp(), CreatedAt = time.GetUtcNow(),
            CreatedBy = "system",
        }, LinkPurpose.Activation, ActivationLifetime);
        // index first: a crash after it leaves a stale row that the next PUT takes over
        if (!await index.TryClaimAsync(customerNumber, customerNumber, PrincipalKind.Owner, owner.Id, ct))
        {
            return Refusal.Stale;
        }
        var created = await accounts.CreateAsync(owner, ct);
        if (!created.Done)
        {
            // a concurrent PUT created the same owner (same id) first
            return await accounts.GetAsync(customerNumber, PrincipalKind.Owner, owner.Id, ct) is { } theirs
                ? (false, theirs)
                : Refusal.Stale;
        }
        await outbox.EnqueueAsync(Mail.MailOutbox.RequestFor(created.Value), ct);
        return (true, created.Value);
    }

    /// <summary>One owner per customer: its id follows from the customer number, so racing PUTs collide on one row.</summary>
    public static string OwnerId(string customerNumber) => Account.DerivedId("owner", customerNumber);
}
