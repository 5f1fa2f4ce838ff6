using Microsoft.Extensions.Logging;
using PortalAccess.Auth;
using PortalAccess.Customers;
using PortalAccess.Storage;

namespace PortalAccess.Mail;

/// <summary>
/// Handles one <c>mail-outbox</c> message: creates the link token, stores only its hash, sends the mail.
/// Both hosts call it (queue trigger, background worker); a redelivered or superseded message sends nothing.
/// </summary>
public sealed partial class MailHandler(
    AccountStore accounts, LinkTokenStore links, ProcessedMarks marks, MailComposer composer, IMailSender sender,
    TimeProvider time, ILogger<MailHandler> log)
{
    private const string Scope = "mail";

    public async Task HandleAsync(MailRequest request, CancellationToken ct)
    {
        var account = await accounts.GetAsync(request.CustomerNumber, request.Kind, request.PrincipalId, ct);
        if (account?.Mail is not { } pending || pending.Id != request.Id)
        {
            LogSuperseded(log, request.Id);
            return;
        }
        if (pending.ExpiresAt <= time.GetUtcNow())
        {
            LogExpired(log, request.Id);
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
            var origin = MailOrigin.Of(account, await OwnerOfAsync(account, ct));
            var token = Secrets.NewToken();
            await links.AddAsync(Secrets.Sha256Hex(token), new LinkTarget(account.CustomerNumber, account.Kind, account.Id, pending.Id), ct);
            var mail = composer.Compose(account, origin, pending.Purpose, composer.LinkFor(pending.Purpose, token), pending.ExpiresAt);
            await sender.SendAsync(mail, request.Id, ct);
        }
        catch
        {
            await marks.ReleaseAsync(Scope, request.Id, CancellationToken.None);
            throw;
        }
        await marks.CompleteAsync(Scope, request.Id, ct);
        LogSent(log, request.Purpose, request.Id);
    }

    /// <summary>The customer's owner, whose name the mail gives as the customer's; one more row read, only when a mail goes out.</summary>
    private async Task<Account?> OwnerOfAsync(Account account, CancellationToken ct) =>
        account.Kind == PrincipalKind.Owner
            ? account
            : await accounts.GetAsync(account.CustomerNumber, PrincipalKind.Owner, CustomerProvisioning.OwnerId(account.CustomerNumber), ct);

    /// <summary>How long a delivery may hold a message before another delivery assumes it died.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    [LoggerMessage(LogLevel.Information, "Mail {MailId} is superseded or its principal is gone; nothing sent")]
    private static partial void LogSuperseded(ILogger logger, string mailId);

    [LoggerMessage(LogLevel.Information, "Mail {MailId} was sent before; redelivery ignored")]
    private static partial void LogDuplicate(ILogger logger, string mailId);

    [LoggerMessage(LogLevel.Warning, "Mail {MailId} waited past its link's expiry; nothing sent")]
    private static partial void LogExpired(ILogger logger, string mailId);

    [LoggerMessage(LogLevel.Information, "{Purpose} mail {MailId} sent")]
    private static partial void LogSent(ILogger logger, LinkPurpose purpose, string mailId);
}

/// <summary>Another delivery of the same message is being handled right now; the queue retries this one later.</summary>
public sealed class MailBusyException(string mailId) : Exception($"Mail {mailId} is being sent by another delivery.");
