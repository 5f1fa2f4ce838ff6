namespace PortalAccess.Auth.Tokens;

public sealed record JwkSet(IReadOnlyList<PublicJwk> Keys);
