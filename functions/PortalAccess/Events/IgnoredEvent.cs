namespace PortalAccess.Events;

/// <summary>A type this service does not handle: acknowledged and ignored.</summary>
public sealed record IgnoredEvent(string Id, string Source, string Type, string CustomerNumber)
    : TelephonyEvent(Id, Source, Type, CustomerNumber);
