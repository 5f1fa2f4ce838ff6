using PortalAccess.Auth.Tokens;
using PortalAccess.Principals;

namespace PortalAccess.Auth.Callers;

/// <summary>The authenticated principal of a request, with the rights stored for it right now and the address it called from.</summary>
public sealed record Caller(Account Account, string? SessionId = null, string? Ip = null)
{
    public string CustomerNumber => Account.CustomerNumber;
    public string Id => Account.Id;
    public IReadOnlySet<string> Grants => AccessTokens.EffectiveGrants(Account);

    /// <summary>Portal areas belong to the owner and users; desks hold features, never areas.</summary>
    public bool HoldsArea(string area) => Account.Kind is PrincipalKind.Owner or PrincipalKind.User && Grants.Contains(area);
}
