using System.Text.Json.Serialization;
using PortalAccess.Principals;
using PortalAccess.Users;

namespace PortalAccess.OfficeDesks;

/// <summary>The <c>desk</c> of API.md: a PBX desk (one extension) or a SIP desk (one number).</summary>
public sealed record DeskDto(
    string Id, string Kind, string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Extension,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Number,
    IReadOnlyList<string> Features, string Status, string Source,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeviceId,
    DateTimeOffset CreatedAt)
{
    public static DeskDto From(Account a, DateTimeOffset now) => new(
        a.Id, PrincipalKinds.ToWire(a.Kind), a.Name, a.Email, a.Extension, a.Number,
        a.Grants.Order(StringComparer.Ordinal).ToList(), UserDto.From(a, now).Status, a.Source ?? DeskSources.Manual,
        a.Source == DeskSources.WebRtcDevice ? a.SourceId : null, a.CreatedAt);
}
