namespace PortalAccess.Catalogs;

public sealed record Label(string De, string En);
