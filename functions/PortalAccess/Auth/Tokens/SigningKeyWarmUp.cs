using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PortalAccess.Auth.Tokens;

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
