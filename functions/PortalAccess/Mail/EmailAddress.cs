namespace PortalAccess.Mail;

internal sealed record EmailAddress(string Address, string? DisplayName);
