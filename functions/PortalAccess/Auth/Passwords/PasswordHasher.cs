using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Geralt;
using PortalAccess.Auth.Tokens;

namespace PortalAccess.Auth.Passwords;

/// <summary>
/// Argon2id, m = 7 MiB, t = 5, p = 1 (OWASP's equivalent of its 19 MiB/t=2 minimum), as a PHC string
/// so the parameters travel with the hash. libsodium computes it (through Geralt), always inside the
/// <see cref="HashGate"/>: no hash runs outside it.
/// </summary>
public sealed partial class PasswordHasher(HashGate gate)
{
    public const int MemoryKiB = 7168;
    public const int Iterations = 5;
    public const int Parallelism = 1; // libsodium's Argon2 always uses one lane

    // A fixed hash of a random password, verified when the login is unknown so that an unknown
    // login costs as much time as a known one.
    private readonly Lazy<string> decoy = new(() => HashWith(Secrets.NewToken(), MemoryKiB, Iterations));

    public Task<string> HashAsync(string password, CancellationToken ct) => HashAsync(password, HashQueueing.RefuseWhenBusy, ct);

    public Task<string> HashAsync(string password, HashQueueing queueing, CancellationToken ct) =>
        gate.RunAsync(() => HashWith(password, MemoryKiB, Iterations), queueing, ct);

    /// <summary>Checks a password; without a stored hash it still spends the time of one check and fails.</summary>
    public Task<bool> VerifyAsync(string? phcHash, string password, CancellationToken ct) =>
        VerifyAsync(phcHash, password, HashQueueing.RefuseWhenBusy, ct);

    /// <inheritdoc cref="VerifyAsync(string?, string, CancellationToken)"/>
    public Task<bool> VerifyAsync(string? phcHash, string password, HashQueueing queueing, CancellationToken ct) =>
        gate.RunAsync(() => Check(phcHash, password), queueing, ct);

    public static bool NeedsRehash(string phcHash)
    {
        var m = ParametersPattern().Match(phcHash);
        return !phcHash.StartsWith("$argon2id$", StringComparison.Ordinal) || !m.Success
            || int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) != MemoryKiB
            || int.Parse(m.Groups["t"].Value, CultureInfo.InvariantCulture) != Iterations
            || int.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture) != Parallelism;
    }

    /// <summary>Computes a PHC string; outside the gate, so only for this class and tests.</summary>
    internal static string HashWith(string password, int memoryKiB, int iterations)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        var encoded = new char[Argon2id.HashSize];
        try
        {
            Argon2id.ComputeHash(encoded, bytes, iterations, memoryKiB * 1024);
            return new string(encoded.AsSpan(0, Array.IndexOf(encoded, '\0') is var end and >= 0 ? end : encoded.Length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private bool Check(string? phcHash, string password)
    {
        if (phcHash is null)
        {
            _ = Matches(decoy.Value, password);
            return false;
        }
        return Matches(phcHash, password);
    }

    private bool Matches(string phcHash, string password)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return Argon2id.VerifyHash(phcHash, bytes);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            _ = Argon2id.VerifyHash(decoy.Value, bytes); // a malformed stored hash costs the same and fails
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    [GeneratedRegex(@"\$m=(?<m>\d+),t=(?<t>\d+),p=(?<p>\d+)\$")]
    private static partial Regex ParametersPattern();
}
