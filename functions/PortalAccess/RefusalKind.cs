namespace PortalAccess;

/// <summary>Why a domain operation did not do what was asked: one kind per answer a caller can act on.</summary>
public enum RefusalKind { NotFound, Invalid, NotAllowed, Escalation, LoginTaken, Conflict, Stale, Gone }
