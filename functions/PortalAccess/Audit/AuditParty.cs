using PortalAccess.Principals;

namespace PortalAccess.Audit;

/// <summary>Who did something: a principal, or the system (billing, telephony).</summary>
public sealed record AuditParty(string Id, string Kind, string Name)
{
    public static AuditParty System { get; } = new("system", "system", "System");

    public static AuditParty Of(Account a) => new(a.Id, PrincipalKinds.ToWire(a.Kind), a.Name);
}
