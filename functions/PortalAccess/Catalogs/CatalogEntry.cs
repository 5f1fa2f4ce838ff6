using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PortalAccess.Catalogs;

public sealed record CatalogEntry(string Id, Label Label);
