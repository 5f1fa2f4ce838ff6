using PortalAccess.Catalogs;

namespace PortalAccess.OfficeDesks;

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
