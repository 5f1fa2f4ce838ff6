namespace PortalAccess.Catalogs;

public sealed record CatalogEntry(string Id, Label Label);
