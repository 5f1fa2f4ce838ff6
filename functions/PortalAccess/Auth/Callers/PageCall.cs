using PortalAccess.Http;

namespace PortalAccess.Auth.Callers;

/// <summary>A call for one page of a list.</summary>
public sealed record PageCall(Caller Caller, PageRequest Page);
