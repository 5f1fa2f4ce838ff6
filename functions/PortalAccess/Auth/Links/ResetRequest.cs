namespace PortalAccess.Auth.Links;

public sealed record ResetRequest(string? Login);
