namespace PortalAccess.Users;

public sealed record UserRequest(string? Name, string? Email, string[]? Areas)
{
    /// <summary>The request once <see cref="UserValidation.Validate"/> passed: every field is there.</summary>
    public UserChange Validated() => new(Name!.Trim(), Email!.Trim(), Areas!.ToHashSet(StringComparer.Ordinal));
}
