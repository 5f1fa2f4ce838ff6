namespace PortalAccess.Http;

/// <summary>
/// Who may call a route: anyone, a signed-in principal (the handler checks the bearer token; to Azure Functions both
/// are anonymous), or holders of the system key (the function key on Azure).
/// </summary>
public enum RouteAccess { Public, Bearer, SystemKey }
