namespace PortalAccess.Events;

public sealed record DeviceCreated(string Id, string Source, string Type, string CustomerNumber,
    string DeviceId, string DeviceType, string Extension, string UserName, string UserEmail)
    : TelephonyEvent(Id, Source, Type, CustomerNumber);
