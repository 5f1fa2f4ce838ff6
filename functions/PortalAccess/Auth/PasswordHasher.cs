using System.Globalization;
using System.Text.RegularExpressions;
using Isopoh.Cryptography.Argon2;

namespace PortalAccess.Auth;

/// <summary>
/// Argon2id, m = 7 MiB, t = 5, p = 1 (OWASP's equivalent of its 19 MiB/t=2 minimum), as a PHC string
/// so the parameters travel with the hash.
/// </summary>
public sealed partial class PasswordHasher
{
    public const int MemoryKiB = 7168;
    public const int Iterations = 5;
    public const int Parallelism = 1;

    // A fixed hash of a random password, verified when the login is unknown so that an unknown
    // login costs as much time as a known one.
    private readonly Lazy<string> decoy = new(() => HashWith(Secrets.NewToken(), MemoryKiB, Iterations));

    public string Hash(string password) => HashWith(password, MemoryKiB, Iterations);

    /// <summary>Checks a password; without a stored hash it still spends the time of one check and fails.</summary>
    public bool Verify(string? phcHash, string password)
    {
        if (phcHash is null)
        {
            _ = Argon2.Verify(decoy.Value, password);
            return false;
        }
        return Argon2.Verify(phcHash, password);
    }

    public static bool NeedsRehash(string phcHash)
    {
        var m = ParametersPattern().Match(phcHash);
        return !phcHash.StartsWith("$argon2id$", StringComparison.Ordinal) || !m.Success
            || int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) != MemoryKiB
            || int.Parse(m.Groups["t"].Value, CultureInfo.InvariantCulture) != Iterations
            || int.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture) != Parallelism;
    }

    internal static string HashWith(string password, int memoryKiB, int iterations) =>
        Argon2.Hash(password, iterations, memoryKiB, Parallelism, Argon2Type.HybridAddressing, 32);

    [GeneratedRegex(@"\$m=(?<m>\d+),t=(?<t>\d+),p=(?<p>\d+)\$")]
    private static partial Regex ParametersPattern();
}
