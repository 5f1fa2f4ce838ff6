namespace PortalAccess.Principals;

public enum AccountStatus { Invited, Active }
