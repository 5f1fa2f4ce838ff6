using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalAccess.Audit;
using PortalAccess.Http;
using PortalAccess.OfficeDesks;
using PortalAccess.Storage;
using PortalAccess.Users;

namespace PortalAccess.Events;

/// <summary>Why an event could not be applied (the sender must not simply retry it).</summary>
public sealed class EventRejectedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// Applies telephony events exactly once per CloudEvent (source, id): a delivery claims the id, applies the change,
/// then marks it done; a redelivery (also a concurrent one) finds the mark and changes nothing.
/// </summary>
public sealed partial class TelephonyEventApplier(
    AccountStore accounts, PrincipalDirectory directory, SipDesks sipDesks, ProcessedMarks marks, AuditLog audit,
    IOptions<PortalAccessOptions> options, ILogger<TelephonyEventApplier> log)
{
    private const string Scope = "event";
    private const string DeletedDevices = "device-deleted";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    public static readonly AuditParty Telephony = new("telephony", "system", "Telephony system");

    /// <summary>True when the customer exists (has an owner), so events for unknown customers are rejected up front.</summary>
    public async Task<bool> CustomerExistsAsync(string customerNumber, CancellationToken ct) =>
        (await accounts.ListAsync(customerNumber, PrincipalGroup.Owner, 1, null, ct)).Items.Count > 0;

    // A second delivery of an event that is being applied waits for the first (applying takes milliseconds) and then
    // answers as a duplicate; after MaxClaimWait it fails, well inside the telephony system's request timeout, and the
    // event is retried.
    private static readonly TimeSpan ClaimPollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxClaimWait = TimeSpan.FromSeconds(10);

    public async Task ApplyAsync(TelephonyEvent e, CancellationToken ct)
    {
        if (e is IgnoredEvent)
        {
            LogIgnored(log, e.Type, e.Id);
            return;
        }
        for (var waited = TimeSpan.Zero; ; waited += ClaimPollInterval)
        {
            var claim = await marks.TryClaimAsync(Scope, e.Key, Lease, ct);
            if (claim == ClaimResult.Done)
            {
                LogDuplicate(log, e.Id);
                return;
            }
            if (claim == ClaimResult.Claimed)
            {
                break;
            }
            // a concurrent delivery of the same event is applying it: answer once it is done
            if (waited > MaxClaimWait)
            {
                throw new TimeoutException($"Event {e.Id} is still being applied by another delivery.");
            }
            await Task.Delay(ClaimPollInterval, ct);
        }
        try
        {
            await ApplyOnceAsync(e, ct);
        }
        catch
        {
            await marks.ReleaseAsync(Scope, e.Key, CancellationToken.None);
            throw;
        }
        await marks.CompleteAsync(Scope, e.Key, ct);
    }

    private async Task ApplyOnceAsync(TelephonyEvent e, CancellationToken ct)
    {
        switch (e)
        {
            case DeviceCreated created when !created.DeviceType.Equals(TelephonyEvent.WebRtcDeviceType, StringComparison.OrdinalIgnoreCase):
                LogIgnored(log, $"{e.Type} ({created.DeviceType})", e.Id);
                break;
            case DeviceCreated created:
                await CreateDeviceDeskAsync(created, ct);
                break;
            case DeviceDeleted deleted:
                await DeleteDeviceDeskAsync(deleted, ct);
                break;
            case SipAccountUpserted sip:
                var (applied, before, after) = await sipDesks.UpsertAsync(sip.CustomerNumber, sip.SipAccountId, sip.Number, sip.Password, ct);
                if (!applied)
                {
                    throw new EventRejectedException(Problems.LoginTakenCode, $"The number of SIP account {sip.SipAccountId} is the login of another principal.");
                }
                await audit.WriteAsync(sip.CustomerNumber, Telephony, before is null ? "desk.created" : "desk.updated", AuditParty.Of(after!),
                    AuditLog.Diff(("number", before?.Number, after!.Number)), null, ct);
                break;
            case SipAccountDeleted sip:
                if (await sipDesks.DeleteAsync(sip.CustomerNumber, sip.SipAccountId, ct) is { } removed)
                {
                    await audit.WriteAsync(sip.CustomerNumber, Telephony, "desk.deleted", AuditParty.Of(removed), null, null, ct);
                }
                break;
        }
    }

    private async Task CreateDeviceDeskAsync(DeviceCreated e, CancellationToken ct)
    {
        // the device may have been deleted before its creation reached us (out-of-order delivery)
        if (await marks.IsDoneAsync(DeletedDevices, DeviceKey(e.CustomerNumber, e.DeviceId), ct))
        {
            LogIgnored(log, $"{e.Type} (device already deleted)", e.Id);
            return;
        }
        var draft = directory.NewAccount(e.CustomerNumber, PrincipalKind.PbxDesk, e.UserName, e.UserEmail,
                options.Value.Desks.WebRtcFeatures.ToHashSet(StringComparer.Ordinal), TelephonyCreator)
            with
            {
                Id = DeskIdOf(e.CustomerNumber, e.DeviceId), Extension = e.Extension, Source = DeskSources.WebRtcDevice, SourceId = e.DeviceId,
            };
        var (outcome, created) = await directory.CreateAsync(draft, ct);
        switch (outcome)
        {
            case WriteOutcome.LoginTaken:
                throw new EventRejectedException(Problems.LoginTakenCode, $"The email of device {e.DeviceId} is the login of another principal.");
            case WriteOutcome.Done:
                await audit.WriteAsync(e.CustomerNumber, Telephony, "desk.created", AuditParty.Of(created!), AuditLog.Diff(
                    ("extension", null, created!.Extension), ("email", null, created.Email), ("features", null, AuditLog.Sorted(created.Grants))), null, ct);
                break;
        }
    }

    private async Task DeleteDeviceDeskAsync(DeviceDeleted e, CancellationToken ct)
    {
        await marks.CompleteAsync(DeletedDevices, DeviceKey(e.CustomerNumber, e.DeviceId), ct);
        var desk = await accounts.GetAsync(e.CustomerNumber, PrincipalKind.PbxDesk, DeskIdOf(e.CustomerNumber, e.DeviceId), ct);
        // a desk made by hand is never removed by an event
        if (desk is { Source: DeskSources.WebRtcDevice } && desk.SourceId == e.DeviceId && await directory.DeleteAsync(desk, ct) == WriteOutcome.Done)
        {
            await audit.WriteAsync(e.CustomerNumber, Telephony, "desk.deleted", AuditParty.Of(desk), null, null, ct);
        }
    }

    public static string DeskIdOf(string customerNumber, string deviceId) => Account.DerivedId("device", customerNumber, deviceId);

    private static string DeviceKey(string customerNumber, string deviceId) => $"{customerNumber}\n{deviceId}";

    private static readonly Account TelephonyCreator = new()
    {
        CustomerNumber = "", Id = Telephony.Id, Kind = PrincipalKind.Owner, Name = Telephony.Name, Login = "", SecurityStamp = "", CreatedBy = "",
    };

    [LoggerMessage(LogLevel.Information, "Telephony event {EventId} of type {Type} ignored")]
    private static partial void LogIgnored(ILogger logger, string type, string eventId);

    [LoggerMessage(LogLevel.Information, "Telephony event {EventId} was applied before; redelivery acknowledged")]
    private static partial void LogDuplicate(ILogger logger, string eventId);
}
