namespace PortalAccess.Auth.Links;

/// <summary>Whose link this is, shown before it is spent.</summary>
public sealed record LinkInfo(string Name, string Login, string Purpose, DateTimeOffset ExpiresAt);
