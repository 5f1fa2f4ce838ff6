using Microsoft.AspNetCore.Http;

namespace PortalAccess.Http;

public sealed record HealthDto(string Status);
