using PortalAccess.Principals;

namespace PortalAccess.Storage;

/// <summary>Where a login name points: the customer and principal that own it.</summary>
public sealed record LoginEntry(
    string Login, string CustomerNumber, PrincipalKind Kind, string PrincipalId, string ETag, DateTimeOffset ClaimedAt);
