namespace PortalAccess.Auth.SignIn;

public sealed record LoginRequest(string? Login, string? Password);
