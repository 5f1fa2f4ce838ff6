namespace PortalAccess.Events;

/// <summary>What a telephony CloudEvent asks for, once its data has been checked.</summary>
public abstract record TelephonyEvent(string Id, string Source, string Type, string CustomerNumber)
{
    /// <summary>The <c>deviceType</c> of the devices that get an OfficeDesk (the browser phone); others are ignored.</summary>
    public const string WebRtcDeviceType = "webrtc";

    /// <summary>Idempotency key: CloudEvents are unique by source and id.</summary>
    public string Key => $"{Source}\n{Id}";
}

public sealed record DeviceCreated(string Id, string Source, string Type, string CustomerNumber,
    string DeviceId, string DeviceType, string Extension, string UserName, string UserEmail) : TelephonyEvent(Id, Source, Type, CustomerNumber);

public sealed record DeviceDeleted(string Id, string Source, string Type, string CustomerNumber, string DeviceId)
    : TelephonyEvent(Id, Source, Type, CustomerNumber);

public sealed record SipAccountUpserted(string Id, string Source, string Type, string CustomerNumber,
    string SipAccountId, string Number, string Password) : TelephonyEvent(Id, Source, Type, CustomerNumber)
{
    // never let the SIP password reach a log through a record's ToString
    public override string ToString() => $"SipAccountUpserted {{ Id = {Id}, CustomerNumber = {CustomerNumber}, SipAccountId = {SipAccountId} }}";
}

public sealed record SipAccountDeleted(string Id, string Source, string Type, string CustomerNumber, string SipAccountId)
    : TelephonyEvent(Id, Source, Type, CustomerNumber);

/// <summary>A type this service does not handle: acknowledged and ignored.</summary>
public sealed record IgnoredEvent(string Id, string Source, string Type, string CustomerNumber) : TelephonyEvent(Id, Source, Type, CustomerNumber);
