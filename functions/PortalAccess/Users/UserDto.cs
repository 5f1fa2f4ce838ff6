using PortalAccess.Storage;

namespace PortalAccess.Users;

public sealed record UserRequest(string? Name, string? Email, string[]? Areas)
{
    /// <summary>The request once <see cref="UserValidation.Validate"/> passed: every field is there.</summary>
    public UserChange Validated() => new(Name!.Trim(), Email!.Trim(), Areas!.ToHashSet(StringComparer.Ordinal));
}

/// <summary>A validated user body.</summary>
public sealed record UserChange(string Name, string Email, IReadOnlySet<string> Areas);

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
