namespace PortalAccess.Auth.Passwords;

/// <summary>Length only (12–128), no composition rules, and never the login name itself.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    /// <summary>The problem with <paramref name="password"/>, or null when it is acceptable.</summary>
    public static string? Check(string? password, string login)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "A password is required.";
        }
        if (password.Length < MinLength)
        {
            return $"The password must have at least {MinLength} characters.";
        }
        if (password.Length > MaxLength)
        {
            return $"The password must have at most {MaxLength} characters.";
        }
        if (password.Any(char.IsControl))
        {
            return "The password must not contain control characters.";
        }
        if (login.Length > 0 && password.Contains(login, StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not contain the login name.";
        }
        return null;
    }
}
