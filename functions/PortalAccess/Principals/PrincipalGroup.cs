namespace PortalAccess.Principals;

/// <summary>
/// The principals that share one key range of the <c>Accounts</c> table and one id space: PBX and SIP desks are both
/// desks (listed together, found by id whatever their kind).
/// </summary>
public enum PrincipalGroup { Owner, User, Desk }
