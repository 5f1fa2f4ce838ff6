using PortalAccess.Principals;

namespace PortalAccess.Auth.Callers;

/// <summary>A call on one principal: who calls, and whom it is about.</summary>
public sealed record TargetCall(Caller Caller, Account Target);
