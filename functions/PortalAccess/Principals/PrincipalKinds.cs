namespace PortalAccess.Principals;

/// <summary>The wire names of principal kinds ("owner", "user", "pbx-desk", "sip-desk").</summary>
public static class PrincipalKinds
{
    public static string ToWire(PrincipalKind kind) => kind switch
    {
        PrincipalKind.Owner => "owner",
        PrincipalKind.User => "user",
        PrincipalKind.PbxDesk => "pbx-desk",
        _ => "sip-desk",
    };

    public static PrincipalKind? FromWire(string? value) => value switch
    {
        "owner" => PrincipalKind.Owner,
        "user" => PrincipalKind.User,
        "pbx-desk" => PrincipalKind.PbxDesk,
        "sip-desk" => PrincipalKind.SipDesk,
        _ => null,
    };

    public static bool IsDesk(PrincipalKind kind) => kind is PrincipalKind.PbxDesk or PrincipalKind.SipDesk;
}
