namespace PortalAccess.Auth.Tokens;

/// <summary>
/// Where <see cref="SigningKeyRing"/> keeps its private keys: the <c>SigningKeys</c> table for local runs and tests
/// (<see cref="TableSigningKeyStore"/>), Key Vault in Azure (<see cref="KeyVaultSigningKeyStore"/>).
/// </summary>
public interface ISigningKeyStore
{
    /// <summary>The keys of a rotation period, the one that signs first; empty when the period has none yet.</summary>
    Task<IReadOnlyList<StoredSigningKey>> FindAsync(long period, CancellationToken ct);

    /// <summary>
    /// Stores a new key for <paramref name="period"/>. Instances may race to do this; whatever they store,
    /// <see cref="FindAsync"/> afterwards names one signing key first for all of them.
    /// </summary>
    Task AddAsync(long period, byte[] pkcs8, CancellationToken ct);
}
