using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalAccess.Auth.SignIn;
using PortalAccess.Mail;
using PortalAccess.Storage;

namespace PortalAccess.Principals;

/// <summary>
/// Creates, changes and removes principals that log in with an email address, keeping the account row,
/// the login index and the mail outbox consistent. Order matters: the index row is claimed before the account
/// is written, so a crash in between leaves a stale index row (ignored, and taken over by the next claim),
/// never an account whose login another principal could also claim.
/// </summary>
public sealed partial class PrincipalDirectory(
    AccountStore accounts, LoginIndex index, MailOutbox outbox, IOptions<PortalAccessOptions> options, TimeProvider time,
    ILogger<PrincipalDirectory> log)
{
    private TimeSpan ActivationLifetime => options.Value.Links.ActivationLifetime;

    /// <summary>A PBX desk is welcomed, anyone else invited to activate.</summary>
    private static LinkPurpose InvitationFor(PrincipalKind kind) =>
        kind == PrincipalKind.PbxDesk ? LinkPurpose.DeskWelcome : LinkPurpose.Activation;

    /// <summary>
    /// The new principal, invited by mail; refused as <see cref="Refusal.LoginTaken"/>, or <see cref="Refusal.Stale"/>
    /// when a principal with its (derived) id exists.
    /// </summary>
    public async Task<Outcome<Account>> CreateAsync(Account draft, CancellationToken ct)
    {
        var account = outbox.Renew(draft, InvitationFor(draft.Kind), ActivationLifetime);
        if (!await ClaimAsync(account, ct))
        {
            return Refusal.LoginTaken;
        }
        Outcome<Account> written;
        try
        {
            written = await accounts.CreateAsync(account, ct);
        }
        catch
        {
            await ReleaseClaimAsync(account);
            throw;
        }
        if (!written.Done)
        {
            // a principal with this (derived) id exists already: the index row is its own, keep it
            return written;
        }
        var created = written.Value;
        try
        {
            await outbox.EnqueueAsync(MailOutbox.RequestFor(created), ct);
        }
        catch
        {
            // no mail, no user: undo so that the caller can simply retry
            await accounts.DeleteAsync(created, CancellationToken.None);
            await ReleaseClaimAsync(created);
            throw;
        }
        return created;
    }

    /// <summary>
    /// Applies name, email, grants (and a desk's extension) of <c>desired</c>. A new email becomes the login at once;
    /// the principal is invited again (a new activation goes to the new address, proving it) and its sessions end.
    /// </summary>
    public async Task<Outcome<Account>> UpdateAsync(Account current, Account desired, CancellationToken ct)
    {
        var login = LoginName.NormalizeEmail(desired.Email!);
        var updated = current with { Name = desired.Name, Grants = desired.Grants, Extension = desired.Extension };
        if (!desired.Grants.SetEquals(current.Grants))
        {
            updated = updated with { SecurityStamp = Account.NewStamp() };
        }
        if (login == current.Login)
        {
            return await accounts.UpdateAsync(current, updated, ct);
        }
        updated = outbox.Renew(updated with
        {
            Login = login, Email = login, Status = AccountStatus.Invited, PasswordHash = null, SecurityStamp = Account.NewStamp(),
        }, InvitationFor(current.Kind), ActivationLifetime);
        if (!await ClaimAsync(updated, ct))
        {
            return Refusal.LoginTaken;
        }
        var saved = await accounts.UpdateAsync(current, updated, ct);
        if (!saved.Done)
        {
            await index.ReleaseAsync(login, current.CustomerNumber, current.Id, CancellationToken.None);
            return saved;
        }
        await outbox.EnqueueAsync(MailOutbox.RequestFor(saved.Value), ct);
        // the old row is stale from here on (its account carries the new login); removing it frees the address
        await index.ReleaseAsync(current.Login, current.CustomerNumber, current.Id, ct);
        return saved;
    }

    /// <summary>Null when deleted; <see cref="Refusal.Stale"/> when the row changed since it was read.</summary>
    public async Task<Refusal?> DeleteAsync(Account current, CancellationToken ct)
    {
        if (await accounts.DeleteAsync(current, ct) is { } refused)
        {
            return refused;
        }
        await index.ReleaseAsync(current.Login, current.CustomerNumber, current.Id, ct);
        return null;
    }

    /// <summary>Sends a new link; the previous one dies with this write.</summary>
    public async Task<Outcome<Account>> ResendAsync(Account current, CancellationToken ct)
    {
        var purpose = current.Mail?.Purpose ?? InvitationFor(current.Kind);
        var saved = await accounts.UpdateAsync(current, outbox.Renew(current, purpose, ActivationLifetime), ct);
        if (saved.Done)
        {
            await outbox.EnqueueAsync(MailOutbox.RequestFor(saved.Value), ct);
        }
        return saved;
    }

    private Task<bool> ClaimAsync(Account account, CancellationToken ct) =>
        index.TryClaimAsync(account.Login, account.CustomerNumber, account.Kind, account.Id, ct);

    public Account NewAccount(
        string customerNumber, PrincipalKind kind, string name, string email, IReadOnlySet<string> grants, Account createdBy)
    {
        var login = LoginName.NormalizeEmail(email);
        return new Account
        {
            CustomerNumber = customerNumber, Id = Account.NewId(), Kind = kind, Name = name, Login = login, Email = login,
            Status = AccountStatus.Invited, SecurityStamp = Account.NewStamp(), CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy.Id, CreatedByName = createdBy.Name, Grants = grants,
        };
    }

    /// <summary>
    /// Gives back the login claimed for a create that failed. When storage does not answer (mostly why the create failed),
    /// this is tried again in the background until the claim's grace ends, so that the caller's retry finds the address
    /// free seconds after storage is back; after a crash, the stale-row rule of <see cref="LoginIndex"/> covers it.
    /// </summary>
    private async Task ReleaseClaimAsync(Account account)
    {
        try
        {
            await index.ReleaseUnusedAsync(account.Login, account.CustomerNumber, account.Kind, account.Id, CancellationToken.None);
        }
        catch (Exception e) when (StorageOutage.IsCause(e))
        {
            _ = Task.Run(() => RetryReleaseAsync(account));
            throw;
        }
    }

    private async Task RetryReleaseAsync(Account account)
    {
        var giveUp = time.GetUtcNow() + LoginIndex.ClaimGrace;
        var wait = TimeSpan.FromSeconds(1);
        while (time.GetUtcNow() < giveUp)
        {
            await Task.Delay(wait, time);
            try
            {
                await index.ReleaseUnusedAsync(account.Login, account.CustomerNumber, account.Kind, account.Id, CancellationToken.None);
                LogClaimReleased(log, account.Id);
                return;
            }
            catch (Exception e) when (StorageOutage.IsCause(e) || e is Azure.RequestFailedException)
            {
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
        LogClaimLeft(log, account.Id);
    }

    [LoggerMessage(LogLevel.Information, "Login claim of the failed create of {PrincipalId} released after storage came back")]
    private static partial void LogClaimReleased(ILogger logger, string principalId);

    [LoggerMessage(LogLevel.Warning,
        "Login claim of the failed create of {PrincipalId} could not be released; it is stale and free for a new claim now")]
    private static partial void LogClaimLeft(ILogger logger, string principalId);
}
