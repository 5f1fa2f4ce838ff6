using System.Net.Mail;
using System.Text.RegularExpressions;

namespace PortalAccess.Auth;

/// <summary>Normalises what people type as a login: a customer number, an email address, or a phone number.</summary>
public static partial class LoginName
{
    public const int MaxEmailLength = 254;

    /// <summary>Customer numbers: letters, digits and dashes, never starting with 0 or + (those are phone numbers).</summary>
    public static bool IsCustomerNumber(string value) => CustomerNumberPattern().IsMatch(value);

    public static string NormalizeCustomerNumber(string value) => value.Trim().ToUpperInvariant();

    /// <summary>RFC 5321 limits (254 overall, 64 local part), a dotted domain, no display name or spaces.</summary>
    public static bool IsEmail(string? value)
    {
        if (value is null || value.Length > MaxEmailLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }
        var at = value.LastIndexOf('@');
        if (at is < 1 or > 64 || at == value.Length - 1)
        {
            return false;
        }
        var domain = value[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
            && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
    }

    public static string NormalizeEmail(string value) => value.Trim().ToLowerInvariant();

    /// <summary>The index key for whatever was typed at the login prompt, or null when it cannot be a login.</summary>
    public static string? Normalize(string? typed)
    {
        var value = typed?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > MaxEmailLength)
        {
            return null;
        }
        if (value.Contains('@', StringComparison.Ordinal))
        {
            return IsEmail(value) ? NormalizeEmail(value) : null;
        }
        return IsCustomerNumber(value) ? NormalizeCustomerNumber(value) : null;
    }

    [GeneratedRegex("^[A-Za-z1-9][A-Za-z0-9-]{2,31}$")]
    private static partial Regex CustomerNumberPattern();
}
