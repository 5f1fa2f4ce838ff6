using Microsoft.Extensions.Options;
using PortalAccess.Auth;
using PortalAccess.Mail;
using PortalAccess.Storage;

namespace PortalAccess.Users;

/// <summary>Why a write did not happen.</summary>
public enum WriteOutcome { Done, LoginTaken, Stale }

/// <summary>
/// Creates, changes and removes principals that log in with an email address, keeping the account row,
/// the login index and the mail outbox consistent. Order matters: the index row is claimed before the account
/// is written, so a crash in between leaves a stale index row (ignored, and taken over by the next claim),
/// never an account whose login another principal could also claim.
/// </summary>
public sealed class PrincipalDirectory(
    AccountStore accounts, LoginIndex index, MailOutbox outbox, IOptions<PortalAccessOptions> options, TimeProvider time)
{
    private TimeSpan ActivationLifetime => options.Value.Links.ActivationLifetime;

    public async Task<(WriteOutcome Outcome, Account? Account)> CreateAsync(Account draft, CancellationToken ct)
    {
        var account = outbox.Renew(draft, draft.Kind == PrincipalKind.PbxDesk ? LinkPurpose.DeskWelcome : LinkPurpose.Activation, ActivationLifetime);
        if (!await ClaimAsync(account, ct))
        {
            return (WriteOutcome.LoginTaken, null);
        }
        Account created;
        try
        {
            created = await accounts.CreateAsync(account, ct);
        }
        catch (ConcurrencyException)
        {
            // a principal with this (derived) id exists already: the index row is its own, keep it
            return (WriteOutcome.Stale, null);
        }
        catch
        {
            await index.ReleaseAsync(account.Login, account.CustomerNumber, account.Id, CancellationToken.None);
            throw;
        }
        try
        {
            await outbox.EnqueueAsync(MailOutbox.RequestFor(created), ct);
        }
        catch
        {
            // no mail, no user: undo so that the caller can simply retry
            await accounts.DeleteAsync(created, CancellationToken.None);
            await index.ReleaseAsync(created.Login, created.CustomerNumber, created.Id, CancellationToken.None);
            throw;
        }
        return (WriteOutcome.Done, created);
    }

    /// <summary>
    /// Applies name, email, grants (and a desk's extension) of <c>desired</c>. A new email becomes the login at once; the principal is invited again
    /// (a new activation goes to the new address, proving it) and its sessions end.
    /// </summary>
    public async Task<(WriteOutcome Outcome, Account? Account)> UpdateAsync(Account current, Account desired, CancellationToken ct)
    {
        var login = LoginName.NormalizeEmail(desired.Email!);
        var updated = current with { Name = desired.Name, Grants = desired.Grants, Extension = desired.Extension };
        if (!desired.Grants.SetEquals(current.Grants))
        {
            updated = updated with { SecurityStamp = Account.NewStamp() };
        }
        if (login == current.Login)
        {
            return await TryUpdateAsync(current, updated, ct);
        }
        updated = outbox.Renew(updated with
        {
            Login = login, Email = login, Status = AccountStatus.Invited, PasswordHash = null, SecurityStamp = Account.NewStamp(),
        }, current.Kind == PrincipalKind.PbxDesk ? LinkPurpose.DeskWelcome : LinkPurpose.Activation, ActivationLifetime);
        if (!await ClaimAsync(updated, ct))
        {
            return (WriteOutcome.LoginTaken, null);
        }
        var (outcome, saved) = await TryUpdateAsync(current, updated, ct);
        if (outcome != WriteOutcome.Done)
        {
            await index.ReleaseAsync(login, current.CustomerNumber, current.Id, CancellationToken.None);
            return (outcome, null);
        }
        await outbox.EnqueueAsync(MailOutbox.RequestFor(saved!), ct);
        // the old row is stale from here on (its account carries the new login); removing it frees the address
        await index.ReleaseAsync(current.Login, current.CustomerNumber, current.Id, ct);
        return (outcome, saved);
    }

    public async Task<WriteOutcome> DeleteAsync(Account current, CancellationToken ct)
    {
        try
        {
            await accounts.DeleteAsync(current, ct);
        }
        catch (ConcurrencyException)
        {
            return WriteOutcome.Stale;
        }
        await index.ReleaseAsync(current.Login, current.CustomerNumber, current.Id, ct);
        return WriteOutcome.Done;
    }

    /// <summary>Sends a new link; the previous one dies with this write.</summary>
    public async Task<(WriteOutcome Outcome, Account? Account)> ResendAsync(Account current, CancellationToken ct)
    {
        var purpose = current.Mail?.Purpose ?? (current.Kind == PrincipalKind.PbxDesk ? LinkPurpose.DeskWelcome : LinkPurpose.Activation);
        var (outcome, saved) = await TryUpdateAsync(current, outbox.Renew(current, purpose, ActivationLifetime), ct);
        if (outcome == WriteOutcome.Done)
        {
            await outbox.EnqueueAsync(MailOutbox.RequestFor(saved!), ct);
        }
        return (outcome, saved);
    }

    private async Task<(WriteOutcome, Account?)> TryUpdateAsync(Account current, Account updated, CancellationToken ct)
    {
        try
        {
            return (WriteOutcome.Done, await accounts.UpdateAsync(current, updated, ct));
        }
        catch (ConcurrencyException)
        {
            return (WriteOutcome.Stale, null);
        }
    }

    private Task<bool> ClaimAsync(Account account, CancellationToken ct) =>
        index.TryClaimAsync(account.Login, account.CustomerNumber, account.Kind, account.Id, ct);

    public Account NewAccount(string customerNumber, PrincipalKind kind, string name, string email, IReadOnlySet<string> grants, Account createdBy)
    {
        var login = LoginName.NormalizeEmail(email);
        return new Account
        {
            CustomerNumber = customerNumber, Id = Account.NewId(), Kind = kind, Name = name, Login = login, Email = login,
            Status = AccountStatus.Invited, SecurityStamp = Account.NewStamp(), CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy.Id, CreatedByName = createdBy.Name, Grants = grants,
        };
    }
}
