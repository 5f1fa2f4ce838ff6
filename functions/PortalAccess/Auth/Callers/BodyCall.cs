namespace PortalAccess.Auth.Callers;

/// <summary>A call that carries a validated body.</summary>
public sealed record BodyCall<TBody>(Caller Caller, TBody Body);
