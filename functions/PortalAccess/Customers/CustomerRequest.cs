namespace PortalAccess.Customers;

public sealed record CustomerRequest(string? Name, string? Email);
