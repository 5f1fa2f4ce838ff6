namespace PortalAccess.Events;

public sealed record DeviceDeleted(string Id, string Source, string Type, string CustomerNumber, string DeviceId)
    : TelephonyEvent(Id, Source, Type, CustomerNumber);
