using PortalAccess.Principals;

namespace PortalAccess.Users;

/// <summary>The <c>user</c> of API.md.</summary>
public sealed record UserDto(
    string Id, string Name, string Email, IReadOnlyList<string> Areas, string Status,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ActivatedAt, DateTimeOffset? LastLoginAt,
    DateTimeOffset? InvitationExpiresAt)
{
    /// <param name="now">When given, a locked-out account shows as <c>locked</c>.</param>
    public static UserDto From(Account a, DateTimeOffset? now = null) => new(
        a.Id, a.Name, a.Email ?? a.Login, a.Grants.Order(StringComparer.Ordinal).ToList(),
        a.Status == AccountStatus.Invited ? "invited" : now is { } t && a.IsLockedAt(t) ? "locked" : "active",
        a.CreatedAt, a.CreatedBy, a.ActivatedAt, a.LastLoginAt,
        a.Status == AccountStatus.Invited ? a.Mail?.ExpiresAt : null);
}
