using PortalAccess.Auth.Callers;

namespace PortalAccess.Principals;

/// <summary>What a collection of managed principals (users, desks) lets its managers do; the rules live in the implementation.</summary>
public interface IPrincipalManagement<in TChange>
{
    Task<Outcome<Account>> CreateAsync(Caller caller, TChange change, CancellationToken ct);

    Task<Outcome<Account>> UpdateAsync(Caller caller, Account target, TChange change, CancellationToken ct);

    Task<Refusal?> DeleteAsync(Caller caller, Account target, CancellationToken ct);

    Task<Outcome<Account>> ResendActivationAsync(Caller caller, Account target, CancellationToken ct);
}
