namespace PortalAccess.Users;

/// <summary>A validated user body.</summary>
public sealed record UserChange(string Name, string Email, IReadOnlySet<string> Areas);
