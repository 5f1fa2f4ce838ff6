using System.Text.Json.Serialization;
using PortalAccess.Auth;
using PortalAccess.Catalogs;
using PortalAccess.Http;
using PortalAccess.Storage;
using PortalAccess.Users;

namespace PortalAccess.OfficeDesks;

public sealed record DeskRequest(string? Name, string? Email, string? Extension, string[]? Features);

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

public static class DeskSources
{
    public const string Manual = "manual";
    public const string WebRtcDevice = "webrtc-device";
    public const string SipAccount = "sip-account";

    /// <summary>What every SIP desk may use (DESIGN.md).</summary>
    public static IReadOnlySet<string> SipFeatures { get; } = new HashSet<string>(StringComparer.Ordinal) 
    {
        Catalog.Features.CallForwarding, Catalog.Features.Voicemail, Catalog.Features.CallerId, Catalog.Features.Fax,
    };
}

public static class DeskValidation
{
    public const int MaxExtensionLength = 10;

    public static void Validate(DeskRequest request, ValidationErrors errors)
    {
        UserValidation.ValidateName(errors, request.Name);
        UserValidation.ValidateEmail(errors, request.Email);
        ValidateExtension(errors, request.Extension);
        UserValidation.ValidateGrants(errors, "features", request.Features, Catalog.DeskFeatureIds);
    }

    public static void ValidateExtension(ValidationErrors errors, string? extension)
    {
        if (errors.Required("extension", extension) && (extension!.Length > MaxExtensionLength || !extension.All(char.IsAsciiDigit)))
        {
            errors.Add("extension", $"extension must be 1 to {MaxExtensionLength} digits.");
        }
    }
}
