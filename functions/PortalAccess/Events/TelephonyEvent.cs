namespace PortalAccess.Events;

/// <summary>What a telephony CloudEvent asks for, once its data has been checked.</summary>
public abstract record TelephonyEvent(string Id, string Source, string Type, string CustomerNumber)
{
    /// <summary>The <c>deviceType</c> of the devices that get an OfficeDesk (the browser phone); others are ignored.</summary>
    public const string WebRtcDeviceType = "webrtc";

    /// <summary>Idempotency key: CloudEvents are unique by source and id.</summary>
    public string Key => $"{Source}\n{Id}";
}
