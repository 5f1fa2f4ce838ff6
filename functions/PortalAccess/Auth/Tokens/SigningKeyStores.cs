using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PortalAccess.Auth.Tokens;

/// <summary>The signing key store named by <c>PortalAccess:Tokens:KeyVaultUri</c>: Key Vault when set, the table when empty.</summary>
public static class SigningKeyStores
{
    public const string KeyVaultUriSetting = $"{PortalAccessOptions.Section}:Tokens:KeyVaultUri";

    /// <summary>
    /// Registers the configured store unless one is registered already (tests bring their own, or their own <see
    /// cref="SecretClient"/>).
    /// </summary>
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
