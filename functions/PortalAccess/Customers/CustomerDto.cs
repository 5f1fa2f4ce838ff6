using PortalAccess.Principals;

namespace PortalAccess.Customers;

public sealed record CustomerDto(string CustomerNumber, string Name, string Email, string OwnerStatus)
{
    public static CustomerDto From(Account owner) =>
        new(owner.CustomerNumber, owner.Name, owner.Email ?? owner.Login, owner.Status == AccountStatus.Active ? "active" : "invited");
}
