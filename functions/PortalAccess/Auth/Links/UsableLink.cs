using PortalAccess.Principals;

namespace PortalAccess.Auth.Links;

/// <summary>A link that can still be used, with the account it leads to.</summary>
public sealed record UsableLink(string Hash, Account Account, PendingMail Mail);
