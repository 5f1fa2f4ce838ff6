using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace PortalAccess.Auth.Tokens;

/// <summary>Random tokens for links and refresh sessions, and the hashes that are stored in their place.</summary>
public static class Secrets
{
    private const int TokenBytes = 32;

    /// <summary>The length of <see cref="NewToken"/>: 32 bytes in unpadded base64url.</summary>
    public const int TokenLength = 43;

    /// <summary>256 random bits, base64url (<see cref="TokenLength"/> characters).</summary>
    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(TokenBytes));

    public static string Sha256Hex(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Compares two hashes in time independent of where they differ.</summary>
    public static bool HashEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
