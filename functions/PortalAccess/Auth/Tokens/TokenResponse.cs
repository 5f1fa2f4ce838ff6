using PortalAccess.Principals;

namespace PortalAccess.Auth.Tokens;

/// <summary>What login and refresh answer.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, PrincipalDto Principal);
