namespace PortalAccess.Auth.Links;

public sealed record SetPasswordRequest(string? Token, string? Password);
