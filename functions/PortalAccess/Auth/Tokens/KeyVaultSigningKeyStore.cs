using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;

namespace PortalAccess.Auth.Tokens;

/// <summary>
/// Signing keys as Key Vault secrets, so that reading the storage account's tables no longer lets anyone mint tokens.
/// One secret per rotation period (<c>signing-es256-{period}</c>), its value the base64 PKCS#8 private key, its
/// <c>kid</c> tag the key id. Key Vault has no insert-if-absent, so instances that rotate at once may each add a
/// version: every version is a key of its own (own key id, published, verifies), and all instances sign with the same
/// one, the oldest enabled version. Disabling a version in the vault retires it; with none left the app makes a new one.
/// </summary>
public sealed partial class KeyVaultSigningKeyStore(SecretClient secrets, ILogger<KeyVaultSigningKeyStore> log) : ISigningKeyStore
{
    public const string KeyIdTag = "kid";
    private const string ContentType = "application/pkcs8;base64";

    // a version's value never changes: once read it is not fetched again, so a refresh costs one list call per period
    private readonly ConcurrentDictionary<string, StoredSigningKey> versions = new(StringComparer.Ordinal);

    public static string SecretName(long period) => string.Create(CultureInfo.InvariantCulture, $"signing-es256-{period}");

    public async Task<IReadOnlyList<StoredSigningKey>> FindAsync(long period, CancellationToken ct)
    {
        var name = SecretName(period);
        try
        {
            var enabled = new List<SecretProperties>();
            await foreach (var version in secrets.GetPropertiesOfSecretVersionsAsync(name, ct))
            {
                if (version.Enabled != false)
                {
                    enabled.Add(version);
                }
            }
            var keys = new List<StoredSigningKey>(enabled.Count);
            // oldest first: the version every instance agrees to sign with, whichever of a race it wrote itself
            foreach (var version in enabled
                .OrderBy(v => v.CreatedOn ?? DateTimeOffset.MaxValue)
                .ThenBy(v => v.Version, StringComparer.Ordinal))
            {
                keys.Add(await ReadAsync(period, version, ct));
            }
            return keys;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            LogRefused(log, secrets.VaultUri, e.Status, e.ErrorCode);
            throw;
        }
    }

    public async Task AddAsync(long period, byte[] pkcs8, CancellationToken ct)
    {
        var keyId = string.Create(CultureInfo.InvariantCulture,
            $"es256-{period}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        var secret = new KeyVaultSecret(SecretName(period), Convert.ToBase64String(pkcs8));
        secret.Properties.ContentType = ContentType;
        secret.Properties.Tags[KeyIdTag] = keyId;
        try
        {
            var stored = await secrets.SetSecretAsync(secret, ct);
            LogKeyCreated(log, keyId, stored.Value.Name, stored.Value.Properties.Version);
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            LogRefused(log, secrets.VaultUri, e.Status, e.ErrorCode);
            throw;
        }
    }

    private async Task<StoredSigningKey> ReadAsync(long period, SecretProperties version, CancellationToken ct)
    {
        if (versions.TryGetValue(version.Version, out var known))
        {
            return known;
        }
        var secret = (await secrets.GetSecretAsync(version.Name, version.Version, ct)).Value;
        var keyId = secret.Properties.Tags.TryGetValue(KeyIdTag, out var tag) && !string.IsNullOrEmpty(tag)
            ? tag
            // a version added by hand without the tag still gets a stable id of its own
            : string.Create(CultureInfo.InvariantCulture, $"es256-{period}-{version.Version[..Math.Min(8, version.Version.Length)]}");
        var key = new StoredSigningKey(keyId, Convert.FromBase64String(secret.Value));
        versions.TryAdd(version.Version, key);
        return key;
    }

    [LoggerMessage(LogLevel.Information, "Signing key {KeyId} created as Key Vault secret {SecretName} version {Version}")]
    private static partial void LogKeyCreated(ILogger logger, string keyId, string secretName, string version);

    [LoggerMessage(LogLevel.Error,
        "Key Vault {VaultUri} refused the signing keys (HTTP {Status} {ErrorCode}): no token can be issued "
        + "or checked until the app's identity holds the Key Vault Secrets Officer role on the vault")]
    private static partial void LogRefused(ILogger logger, Uri vaultUri, int status, string? errorCode);
}
