using Microsoft.AspNetCore.Http;

namespace PortalAccess.Http;

/// <summary>The problem that answers a request instead of its handler; converts to any <see cref="Checked{T}"/>.</summary>
public sealed record Refused(IResult Problem);
