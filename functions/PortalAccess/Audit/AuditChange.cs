namespace PortalAccess.Audit;

/// <summary>One field's value before and after a change.</summary>
public sealed record AuditChange(object? Before, object? After);
