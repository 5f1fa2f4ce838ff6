using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PortalAccess.Audit;
using PortalAccess.Auth.Tokens;
using PortalAccess.Customers;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.Mail;

/// <summary>
/// Handles one <c>mail-outbox</c> message: creates the link token, stores only its hash, sends the mail.
/// Both hosts call it (queue trigger, background worker); a redelivered or superseded message sends nothing.
/// </summary>
public sealed partial class MailHandler(
    AccountStore accounts, LinkTokenStore links, ProcessedMarks marks, MailComposer composer, IMailSender sender,
    AuditLog audit, TimeProvider time, ILogger<MailHandler> log)
{
    private const string Scope = "mail";

    /// <summary>Mails sent whose done mark storage did not take yet: a redelivery meanwhile must not send them again.</summary>
    private readonly ConcurrentDictionary<string, byte> sentUnmarked = new();

    public async Task HandleAsync(MailRequest request, CancellationToken ct)
    {
        if (await StillDueAsync(request, ct) is not var (account, pending))
        {
            return;
        }
        switch (await marks.TryClaimAsync(Scope, request.Id, ClaimLease, ct))
        {
            case ClaimResult.Done:
                LogDuplicate(log, request.Id);
                return;
            case ClaimResult.Busy:
                throw new MailBusyException(request.Id);
        }
        try
        {
            await SendAsync(account, pending, ct);
        }
        catch
        {
            await marks.ReleaseAsync(Scope, request.Id, CancellationToken.None);
            throw;
        }
        LogSent(log, request.Purpose, request.Id);
        await RecordSentAsync(request.Id, ct);
    }

    /// <summary>The account whose pending mail the request still names, or null: sent already, superseded or expired.</summary>
    private async Task<(Account Account, PendingMail Pending)?> StillDueAsync(MailRequest request, CancellationToken ct)
    {
        if (sentUnmarked.ContainsKey(request.Id))
        {
            // sent by this process while storage was failing; the background task stores the mark
            LogDuplicate(log, request.Id);
            return null;
        }
        var account = await accounts.GetAsync(request.CustomerNumber, request.Kind, request.PrincipalId, ct);
        if (account?.Mail is not { } pending || pending.Id != request.Id)
        {
            LogSuperseded(log, request.Id);
            return null;
        }
        if (pending.ExpiresAt <= time.GetUtcNow())
        {
            LogExpired(log, request.Id);
            return null;
        }
        return (account, pending);
    }

    /// <summary>A new link token, only its hash stored, and the mail that carries it.</summary>
    private async Task SendAsync(Account account, PendingMail pending, CancellationToken ct)
    {
        var origin = MailOrigin.Of(account, await OwnerOfAsync(account, ct));
        var token = Secrets.NewToken();
        await links.AddAsync(Secrets.Sha256Hex(token), new LinkTarget(account.CustomerNumber, account.Kind, account.Id, pending.Id), ct);
        var mail = composer.Compose(account, origin, pending.Purpose, composer.LinkFor(pending.Purpose, token), pending.ExpiresAt);
        await sender.SendAsync(mail, pending.Id, ct);
    }

    /// <summary>The done mark; while storage refuses it, this process remembers the mail as sent and marks it later.</summary>
    private async Task RecordSentAsync(string messageId, CancellationToken ct)
    {
        try
        {
            await marks.CompleteAsync(Scope, messageId, ct);
        }
        catch (Exception e) when (StorageOutage.IsCause(e))
        {
            // the mail is out: this delivery succeeded; the mark follows once storage answers, and until then this
            // process remembers it, so that a redelivery (the queue delete may fail too) sends nothing
            sentUnmarked[messageId] = 0;
            LogMarkPending(log, messageId);
            _ = Task.Run(() => MarkSentLaterAsync(messageId), CancellationToken.None);
        }
    }

    /// <summary>
    /// The last delivery of a message failed and the queue moves it to its poison queue: says so in the log (with the queue's
    /// message id and the mail id) and in the customer's audit trail as <c>mail.failed</c>, so that nobody waits for the mail
    /// silently. <paramref name="request"/> is null for a message that is no mail request. Never throws.
    /// </summary>
    public async Task GiveUpAsync(MailRequest? request, string messageId, long dequeueCount, Exception failure, CancellationToken ct)
    {
        LogGivenUp(log, failure, messageId, request?.Id, request?.Purpose, request?.CustomerNumber, request?.PrincipalId, dequeueCount);
        if (request is null)
        {
            return;
        }
        try
        {
            var account = await accounts.GetAsync(request.CustomerNumber, request.Kind, request.PrincipalId, ct);
            var target = account is null
                ? new AuditParty(request.PrincipalId, PrincipalKinds.ToWire(request.Kind), "")
                : AuditParty.Of(account);
            await audit.WriteAsync(request.CustomerNumber, AuditParty.System, MailFailedAction, target,
                AuditLog.Diff(
                    ("mail", null, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(request.Purpose.ToString())),
                    ("mailId", null, request.Id), ("reason", null, ReasonOf(failure))), null, ct);
        }
        catch (Exception e) when (e is Azure.RequestFailedException || StorageOutage.IsCause(e))
        {
            LogNotAudited(log, e, request.Id);
        }
    }

    /// <summary>The audit action of a mail that went to the poison queue.</summary>
    public const string MailFailedAction = "mail.failed";

    // a kind, never the provider's text: that may quote the recipient or more
    private static string ReasonOf(Exception failure) => failure switch
    {
        MailDeliveryException { Transient: true } => "provider-unavailable",
        MailDeliveryException => "provider-rejected",
        MailBusyException => "busy",
        // a relay's refused connection is a SocketException too: only the storage SDK's own failures count as storage
        Azure.RequestFailedException or AggregateException => "storage-unavailable",
        _ => "send-failed",
    };

    private async Task MarkSentAsync(string mailId, CancellationToken ct)
    {
        await marks.CompleteAsync(Scope, mailId, ct);
        sentUnmarked.TryRemove(mailId, out _);
    }

    private async Task MarkSentLaterAsync(string mailId)
    {
        var wait = TimeSpan.FromSeconds(1);
        // past the claim lease a redelivery in another process could claim it again: try at least that long
        var giveUp = time.GetUtcNow() + ClaimLease + ClaimLease;
        while (sentUnmarked.ContainsKey(mailId) && time.GetUtcNow() < giveUp)
        {
            await Task.Delay(wait, time);
            try
            {
                await MarkSentAsync(mailId, CancellationToken.None);
                LogMarked(log, mailId);
                return;
            }
            catch (Exception e) when (e is Azure.RequestFailedException || StorageOutage.IsCause(e))
            {
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    /// <summary>The customer's owner, whose name the mail gives as the customer's; one more row read, only when a mail goes out.</summary>
    private async Task<Account?> OwnerOfAsync(Account account, CancellationToken ct) =>
        account.Kind == PrincipalKind.Owner
            ? account
            : await accounts.GetAsync(
                account.CustomerNumber, PrincipalKind.Owner, CustomerProvisioning.OwnerId(account.CustomerNumber), ct);

    /// <summary>How long a delivery may hold a message before another delivery assumes it died.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    [LoggerMessage(LogLevel.Information, "Mail {MailId} is superseded or its principal is gone; nothing sent")]
    private static partial void LogSuperseded(ILogger logger, string mailId);

    [LoggerMessage(LogLevel.Information, "Mail {MailId} was sent before; redelivery ignored")]
    private static partial void LogDuplicate(ILogger logger, string mailId);

    [LoggerMessage(LogLevel.Warning, "Mail {MailId} waited past its link's expiry; nothing sent")]
    private static partial void LogExpired(ILogger logger, string mailId);

    [LoggerMessage(LogLevel.Error,
        "Mail message {MessageId} (mail {MailId}, {Purpose} for principal {PrincipalId} of customer {CustomerNumber}) "
        + "failed on its last delivery {DequeueCount} and moves to the poison queue")]
    private static partial void LogGivenUp(ILogger logger, Exception exception, string messageId, string? mailId,
        LinkPurpose? purpose, string? customerNumber, string? principalId, long dequeueCount);

    [LoggerMessage(LogLevel.Error, "Mail {MailId} failed for good, and its audit entry could not be written")]
    private static partial void LogNotAudited(ILogger logger, Exception exception, string mailId);

    [LoggerMessage(LogLevel.Warning, "Mail {MailId} was sent, but storage did not take its done mark; retrying in the background")]
    private static partial void LogMarkPending(ILogger logger, string mailId);

    [LoggerMessage(LogLevel.Information, "Done mark of mail {MailId} stored after storage came back")]
    private static partial void LogMarked(ILogger logger, string mailId);

    [LoggerMessage(LogLevel.Information, "{Purpose} mail {MailId} sent")]
    private static partial void LogSent(ILogger logger, LinkPurpose purpose, string mailId);
}
