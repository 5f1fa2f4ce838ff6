namespace PortalAccess.Auth.Tokens;

/// <summary>A stored ES256 private key (PKCS#8) and the key id tokens name it by.</summary>
public sealed record StoredSigningKey(string KeyId, byte[] Pkcs8);
