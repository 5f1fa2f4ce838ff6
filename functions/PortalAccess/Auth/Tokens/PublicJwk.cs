namespace PortalAccess.Auth.Tokens;

/// <summary>A public key as published in the JWK set.</summary>
public sealed record PublicJwk(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg);
