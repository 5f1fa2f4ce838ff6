using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PortalAccess.Catalogs;

public sealed record Label(string De, string En);
