namespace PortalAccess.Auth.Passwords;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
