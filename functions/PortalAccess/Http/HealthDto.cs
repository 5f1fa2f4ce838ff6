namespace PortalAccess.Http;

public sealed record HealthDto(string Status);
