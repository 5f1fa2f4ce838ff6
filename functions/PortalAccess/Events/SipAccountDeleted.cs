namespace PortalAccess.Events;

public sealed record SipAccountDeleted(string Id, string Source, string Type, string CustomerNumber, string SipAccountId)
    : TelephonyEvent(Id, Source, Type, CustomerNumber);
