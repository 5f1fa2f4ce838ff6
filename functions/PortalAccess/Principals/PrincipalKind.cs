namespace PortalAccess.Principals;

public enum PrincipalKind { Owner, User, PbxDesk, SipDesk }
