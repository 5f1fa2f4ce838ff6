namespace PortalAccess.Auth.Tokens;

public sealed record RefreshRequest(string? RefreshToken);
