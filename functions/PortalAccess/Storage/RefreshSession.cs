using PortalAccess.Principals;

namespace PortalAccess.Storage;

/// <summary>A refresh session: the hash of its current refresh token and the principal's security stamp when it began.</summary>
public sealed record RefreshSession(
    string CustomerNumber, string Id, PrincipalKind Kind, string PrincipalId, string TokenHash,
    string SecurityStamp, DateTimeOffset ExpiresAt, string? ETag = null);
