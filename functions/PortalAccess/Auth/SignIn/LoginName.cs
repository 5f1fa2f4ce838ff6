using System.Net.Mail;
using System.Text.RegularExpressions;
using PhoneNumbers;
using PortalAccess.Http;

namespace PortalAccess.Auth.SignIn;

/// <summary>Normalises what people type as a login: a customer number, an email address, or a phone number.</summary>
public static partial class LoginName
{
    public const int MaxEmailLength = 254;

    /// <summary>Customer numbers: letters, digits and dashes, never starting with 0 or + (those are phone numbers).</summary>
    /// <summary>A typed login must be there, fit the longest email and hold no control characters: otherwise 400 <c>login</c>.</summary>
    public static void Validate(ValidationErrors errors, string? login)
    {
        if (errors.Required("login", login) && (login.Length > MaxEmailLength || login.Any(char.IsControl)))
        {
            errors.Add("login", "login is too long or contains control characters.");
        }
    }

    public static bool IsCustomerNumber(string value) => CustomerNumberPattern().IsMatch(value);

    /// <summary><see cref="IsCustomerNumber"/> in words, for the problem that refuses a customer number.</summary>
    public const string CustomerNumberRule = "A customer number has 3 to 32 letters, digits or dashes and does not start with 0.";

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
        if (value.StartsWith('+') || value.StartsWith("00", StringComparison.Ordinal))
        {
            return NormalizePhone(value);
        }
        return IsCustomerNumber(value) ? NormalizeCustomerNumber(value) : null;
    }

    /// <summary>
    /// A phone number in international format (<c>+49…</c> or <c>0049…</c>) as E.164, or null when it is not a valid
    /// number.
    /// </summary>
    public static string? NormalizePhone(string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 32)
        {
            return null;
        }
        var international = trimmed.StartsWith("00", StringComparison.Ordinal) ? "+" + trimmed[2..] : trimmed;
        if (!international.StartsWith('+'))
        {
            return null;
        }
        var phones = PhoneNumberUtil.GetInstance();
        try
        {
            var number = phones.Parse(international, null);
            return phones.IsValidNumber(number) ? phones.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z1-9][A-Za-z0-9-]{2,31}$")]
    private static partial Regex CustomerNumberPattern();
}
