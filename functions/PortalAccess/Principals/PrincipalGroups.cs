namespace PortalAccess.Principals;

public static class PrincipalGroups
{
    public static PrincipalGroup GroupOf(this PrincipalKind kind) => kind switch
    {
        PrincipalKind.Owner => PrincipalGroup.Owner,
        PrincipalKind.User => PrincipalGroup.User,
        _ => PrincipalGroup.Desk,
    };
}
