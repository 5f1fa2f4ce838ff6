using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalAccess.Audit;
using PortalAccess.Http;
using PortalAccess.OfficeDesks;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.Events;

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

    /// <summary>
    /// Applies the event once, whatever the deliveries; a <see cref="RefusalKind.Conflict"/> when it cannot be (the
    /// sender must not simply retry it).
    /// </summary>
    public async Task<Refusal?> ApplyAsync(TelephonyEvent e, CancellationToken ct)
    {
        if (e is IgnoredEvent)
        {
            LogIgnored(log, e.Type, e.Id);
            return null;
        }
        if (!await ClaimAsync(e, ct))
        {
            LogDuplicate(log, e.Id);
            return null;
        }
        Refusal? refused;
        try
        {
            refused = await ApplyOnceAsync(e, ct);
        }
        catch
        {
            await marks.ReleaseAsync(Scope, e.Key, CancellationToken.None);
            throw;
        }
        if (refused is not null)
        {
            await marks.ReleaseAsync(Scope, e.Key, CancellationToken.None);
            return refused;
        }
        await marks.CompleteAsync(Scope, e.Key, ct);
        return null;
    }

    /// <summary>True when this delivery may apply the event; false when an earlier one did. Waits while another one is at it.</summary>
    private async Task<bool> ClaimAsync(TelephonyEvent e, CancellationToken ct)
    {
        for (var waited = TimeSpan.Zero; ; waited += ClaimPollInterval)
        {
            switch (await marks.TryClaimAsync(Scope, e.Key, Lease, ct))
            {
                case ClaimResult.Done:
                    return false;
                case ClaimResult.Claimed:
                    return true;
            }
            // a concurrent delivery of the same event is applying it: answer once it is done
            if (waited > MaxClaimWait)
            {
                throw new TimeoutException($"Event {e.Id} is still being applied by another delivery.");
            }
            await Task.Delay(ClaimPollInterval, ct);
        }
    }

    private async Task<Refusal?> ApplyOnceAsync(TelephonyEvent e, CancellationToken ct)
    {
        switch (e)
        {
            case DeviceCreated created when !created.DeviceType.Equals(TelephonyEvent.WebRtcDeviceType, StringComparison.OrdinalIgnoreCase):
                LogIgnored(log, $"{e.Type} ({created.DeviceType})", e.Id);
                return null;
            case DeviceCreated created:
                return await CreateDeviceDeskAsync(created, ct);
            case DeviceDeleted deleted:
                await DeleteDeviceDeskAsync(deleted, ct);
                return null;
            case SipAccountUpserted sip:
                return await UpsertSipDeskAsync(sip, ct);
            case SipAccountDeleted sip:
                if (await sipDesks.DeleteAsync(sip.CustomerNumber, sip.SipAccountId, ct) is { } removed)
                {
                    await audit.WriteAsync(sip.CustomerNumber, Telephony, "desk.deleted", AuditParty.Of(removed), null, null, ct);
                }
                return null;
            default:
                return null;
        }
    }

    private async Task<Refusal?> UpsertSipDeskAsync(SipAccountUpserted sip, CancellationToken ct)
    {
        var upsert = await sipDesks.UpsertAsync(sip.CustomerNumber, sip.SipAccountId, sip.Number, sip.Password, ct);
        if (!upsert.Done)
        {
            return LoginTaken($"The number of SIP account {sip.SipAccountId} is the login of another principal.");
        }
        var (before, after) = upsert.Value;
        await audit.WriteAsync(sip.CustomerNumber, Telephony, before is null ? "desk.created" : "desk.updated", AuditParty.Of(after),
            AuditLog.Diff(("number", before?.Number, after.Number)), null, ct);
        return null;
    }

    private static Refusal LoginTaken(string detail) => Refusal.Conflict(Problems.LoginTakenCode, detail);

    private async Task<Refusal?> CreateDeviceDeskAsync(DeviceCreated e, CancellationToken ct)
    {
        // the device may have been deleted before its creation reached us (out-of-order delivery)
        if (await marks.IsDoneAsync(DeletedDevices, DeviceKey(e.CustomerNumber, e.DeviceId), ct))
        {
            LogIgnored(log, $"{e.Type} (device already deleted)", e.Id);
            return null;
        }
        var draft = directory.NewAccount(e.CustomerNumber, PrincipalKind.PbxDesk, e.UserName, e.UserEmail,
                options.Value.Desks.WebRtcFeatures.ToHashSet(StringComparer.Ordinal), TelephonyCreator)
            with
            {
                Id = DeskIdOf(e.CustomerNumber, e.DeviceId), Extension = e.Extension, Source = DeskSources.WebRtcDevice,
                SourceId = e.DeviceId,
            };
        var create = await directory.CreateAsync(draft, ct);
        if (create.Refusal?.Kind == RefusalKind.LoginTaken)
        {
            return LoginTaken($"The email of device {e.DeviceId} is the login of another principal.");
        }
        // Stale: the desk of this device exists already (a redelivery that lost its mark)
        if (create.Done)
        {
            var created = create.Value;
            await audit.WriteAsync(e.CustomerNumber, Telephony, "desk.created", AuditParty.Of(created), AuditLog.Diff(
                ("extension", null, created.Extension), ("email", null, created.Email),
                ("features", null, AuditLog.Sorted(created.Grants))), null, ct);
        }
        return null;
    }

    private async Task DeleteDeviceDeskAsync(DeviceDeleted e, CancellationToken ct)
    {
        await marks.CompleteAsync(DeletedDevices, DeviceKey(e.CustomerNumber, e.DeviceId), ct);
        var desk = await accounts.GetAsync(e.CustomerNumber, PrincipalKind.PbxDesk, DeskIdOf(e.CustomerNumber, e.DeviceId), ct);
        // a desk made by hand is never removed by an event
        if (desk is { Source: DeskSources.WebRtcDevice } && desk.SourceId == e.DeviceId && await directory.DeleteAsync(desk, ct) is null)
        {
            await audit.WriteAsync(e.CustomerNumber, Telephony, "desk.deleted", AuditParty.Of(desk), null, null, ct);
        }
    }

    public static string DeskIdOf(string customerNumber, string deviceId) => Account.DerivedId("device", customerNumber, deviceId);

    private static string DeviceKey(string customerNumber, string deviceId) => $"{customerNumber}\n{deviceId}";

    private static readonly Account TelephonyCreator = new()
    {
        CustomerNumber = "", Id = Telephony.Id, Kind = PrincipalKind.Owner, Name = Telephony.Name,
        Login = "", SecurityStamp = "", CreatedBy = "",
    };

    [LoggerMessage(LogLevel.Information, "Telephony event {EventId} of type {Type} ignored")]
    private static partial void LogIgnored(ILogger logger, string type, string eventId);

    [LoggerMessage(LogLevel.Information, "Telephony event {EventId} was applied before; redelivery acknowledged")]
    private static partial void LogDuplicate(ILogger logger, string eventId);
}
