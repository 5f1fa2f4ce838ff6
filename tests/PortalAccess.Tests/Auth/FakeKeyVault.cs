using System.Collections.Concurrent;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Moq;
using PortalAccess.Auth.Callers;

namespace PortalAccess.Tests.Auth;

/// <summary>
/// One Key Vault's secrets in memory, shared by any number of <see cref="SecretClient"/>s (one per simulated instance).
/// The fake sits at the SecretClient level (its methods are virtual for this; <see cref="SecretModelFactory"/> builds
/// the results), so the unit tests stay free of I/O. It answers like the service where the store relies on it: a list
/// of an unknown secret is 404, every set adds a version stamped with the clock, a refusal is RequestFailedException.
/// </summary>
internal sealed class FakeKeyVault(TimeProvider time)
{
    public static readonly Uri VaultUri = new("https://kv-fake.vault.azure.net/");

    private readonly ConcurrentDictionary<string, List<KeyVaultSecret>> secrets = new(StringComparer.Ordinal);
    private int lists, gets, sets;

    public int Lists => lists;
    public int Gets => gets;
    public int Sets => sets;
    public int Calls => lists + gets + sets;

    /// <summary>When set, every call fails with this status, as a vault does for an identity without a role (403).</summary>
    public int? RefuseWith { get; set; }

    /// <summary>Runs before a set is stored: lets a test hold writers so that they race.</summary>
    public Func<Task>? BeforeSet { get; set; }

    /// <summary>The version id of the next set; random like the service's, unless a test needs to know how versions sort.</summary>
    public Func<string> NewVersion { get; set; } = () => Guid.NewGuid().ToString("N");

    public SecretClient Client() => new FakeSecretClient(this);

    public IReadOnlyList<SecretProperties> Versions(string name) =>
        secrets.TryGetValue(name, out var versions) ? Locked(versions, v => v.Select(s => s.Properties).ToList()) : [];

    private static T Locked<T>(List<KeyVaultSecret> versions, Func<List<KeyVaultSecret>, T> read)
    {
        lock (versions)
        {
            return read(versions);
        }
    }

    private void Refuse()
    {
        if (RefuseWith is { } status)
        {
            throw new RequestFailedException(status, "Caller is not authorized to perform action on resource.", "Forbidden", null);
        }
    }

    private IEnumerable<Page<SecretProperties>> ListPages(string name)
    {
        Interlocked.Increment(ref lists);
        Refuse();
        if (!secrets.TryGetValue(name, out var versions))
        {
            throw new RequestFailedException(404, $"A secret with (name/id) {name} was not found in this key vault.", "SecretNotFound", null);
        }
        yield return Page<SecretProperties>.FromValues(Locked(versions, v => v.Select(s => s.Properties).ToList()), null, Mock.Of<Response>());
    }

    private KeyVaultSecret Get(string name, string? version)
    {
        Interlocked.Increment(ref gets);
        Refuse();
        var found = secrets.TryGetValue(name, out var versions)
            ? Locked(versions, v => version is null ? v.LastOrDefault() : v.FirstOrDefault(s => s.Properties.Version == version))
            : null;
        return found ?? throw new RequestFailedException(404, $"A secret with (name/id) {name}/{version} was not found in this key vault.", "SecretNotFound", null);
    }

    private async Task<KeyVaultSecret> SetAsync(KeyVaultSecret secret)
    {
        Interlocked.Increment(ref sets);
        Refuse();
        if (BeforeSet is { } hold)
        {
            await hold();
        }
        var version = NewVersion();
        var now = time.GetUtcNow();
        var properties = SecretModelFactory.SecretProperties(
            new Uri(VaultUri, $"secrets/{secret.Name}/{version}"), VaultUri, secret.Name, version, managed: false, keyId: null,
            createdOn: now, updatedOn: now, recoveryLevel: "Recoverable");
        properties.Enabled = true;
        properties.ContentType = secret.Properties.ContentType;
        foreach (var (key, value) in secret.Properties.Tags)
        {
            properties.Tags[key] = value;
        }
        var stored = SecretModelFactory.KeyVaultSecret(properties, secret.Value);
        var versions = secrets.GetOrAdd(secret.Name, _ => []);
        Locked(versions, v =>
        {
            v.Add(stored);
            return 0;
        });
        return stored;
    }

    private sealed class FakeSecretClient(FakeKeyVault vault) : SecretClient
    {
        public override Uri VaultUri => FakeKeyVault.VaultUri;

        public override AsyncPageable<SecretProperties> GetPropertiesOfSecretVersionsAsync(string name, CancellationToken cancellationToken = default) =>
            AsyncPageable<SecretProperties>.FromPages(vault.ListPages(name));

        public override Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(Response.FromValue(vault.Get(name, version), Mock.Of<Response>()));

        public override async Task<Response<KeyVaultSecret>> SetSecretAsync(KeyVaultSecret secret, CancellationToken cancellationToken = default) =>
            Response.FromValue(await vault.SetAsync(secret), Mock.Of<Response>());
    }
}

/// <summary>Keeps what was logged, formatted, so tests can read the lines an operator would see.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> lines = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Lines => lines.ToList();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        lines.Enqueue((logLevel, formatter(state, exception)));
}
