namespace PortalAccess.OfficeDesks;

/// <summary>A validated desk body.</summary>
public sealed record DeskChange(string Name, string Email, string Extension, IReadOnlySet<string> Features);
