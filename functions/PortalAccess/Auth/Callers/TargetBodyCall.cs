using PortalAccess.Principals;

namespace PortalAccess.Auth.Callers;

/// <summary>A call on one principal that carries a validated body.</summary>
public sealed record TargetBodyCall<TBody>(Caller Caller, Account Target, TBody Body);
