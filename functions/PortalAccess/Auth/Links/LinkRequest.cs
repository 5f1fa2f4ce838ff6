namespace PortalAccess.Auth.Links;

public sealed record LinkRequest(string? Token);
