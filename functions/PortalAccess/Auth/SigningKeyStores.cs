using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PortalAccess.Auth;

/// <summary>The signing key store named by <c>PortalAccess:Tokens:KeyVaultUri</c>: Key Vault when set, the table when empty.</summary>
public static class SigningKeyStores
{
    public const string KeyVaultUriSetting = $"{PortalAccessOptions.Section}:Tokens:KeyVaultUri";

    /// <summary>Registers the configured store unless one is registered already (tests bring their own, or their own <see cref="SecretClient"/>).</summary>
    public static IServiceCollection AddSigningKeyStore(this IServiceCollection services, IConfiguration configuration)
    {
        var vault = configuration[KeyVaultUriSetting];
        if (string.IsNullOrWhiteSpace(vault))
        {
            services.TryAddSingleton<ISigningKeyStore, TableSigningKeyStore>();
            return services;
        }
        var options = new SecretClientOptions();
        // a vault that does not answer fails the request within seconds instead of the SDK's minutes of retries
        options.Retry.MaxRetries = 2;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        // the user-assigned identity named by AZURE_CLIENT_ID, as the mail sender uses
        services.TryAddSingleton(new SecretClient(new Uri(vault), AzureCredentials.For(configuration["AZURE_CLIENT_ID"]), options));
        services.TryAddSingleton<ISigningKeyStore, KeyVaultSigningKeyStore>();
        services.AddHostedService<SigningKeyWarmUp>();
        return services;
    }
}

/// <summary>
/// Loads (and on a first start creates) the signing keys in the background right after start, so a vault the app may
/// not read shows in the log at once rather than at the first sign-in. A failure does not stop the host: requests
/// that need a key fail as they would on a storage error, and the ring tries the vault again on the next one.
/// </summary>
public sealed partial class SigningKeyWarmUp(SigningKeyRing ring, ILogger<SigningKeyWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var keys = await ring.KeysAsync(stoppingToken);
            LogLoaded(log, keys.Count, keys[0].KeyId);
        }
        // whatever went wrong (a refusal, no credential, a key that does not parse): a BackgroundService that throws
        // stops the host, and a host that stops on start-up is the crash loop this service is here to avoid
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(log, e);
        }
    }

    [LoggerMessage(LogLevel.Information, "Signing keys loaded: {Count}, signing with {KeyId}")]
    private static partial void LogLoaded(ILogger logger, int count, string keyId);

    [LoggerMessage(LogLevel.Error, "Signing keys could not be loaded at start; token requests fail until the key store answers")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
