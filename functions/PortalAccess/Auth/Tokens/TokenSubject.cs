using PortalAccess.Principals;

namespace PortalAccess.Auth.Tokens;

/// <summary>Who a valid access token names. Rights are not taken from it: they are read from storage on every request.</summary>
public sealed record TokenSubject(string CustomerNumber, PrincipalKind Kind, string PrincipalId, string? SessionId);
