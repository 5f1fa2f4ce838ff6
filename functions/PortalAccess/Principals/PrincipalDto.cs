using System.Text.Json.Serialization;
using PortalAccess.Auth.Tokens;

namespace PortalAccess.Principals;

/// <summary>The <c>principal</c> of API.md: who is signed in and what they may use.</summary>
public sealed record PrincipalDto(
    string Id,
    string Kind,
    string CustomerNumber,
    string Name,
    string Login,
    IReadOnlyList<string> Areas,
    IReadOnlyList<string> Features,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Extension = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Number = null)
{
    public static PrincipalDto From(Account a)
    {
        var grants = AccessTokens.EffectiveGrants(a).Order(StringComparer.Ordinal).ToList();
        var desk = PrincipalKinds.IsDesk(a.Kind);
        return new(a.Id, PrincipalKinds.ToWire(a.Kind), a.CustomerNumber, a.Name, a.Login, desk ? [] : grants, desk ? grants : [],
            a.Extension, a.Number);
    }
}
