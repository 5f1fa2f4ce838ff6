namespace PortalAccess.Audit;

/// <summary>An entry of the audit trail, as <c>GET /api/audit</c> shows it. It never holds a secret.</summary>
public sealed record AuditEntry(
    string Id, DateTimeOffset At, AuditParty Actor, string Action, AuditParty? Target,
    IReadOnlyDictionary<string, AuditChange>? Changes, string? Ip);
