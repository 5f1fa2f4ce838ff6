using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PortalAccess.Storage;

/// <summary>
/// Creates missing tables and queues at start-up where <see cref="StorageStartup"/> says so. A failure (a 403 while
/// role assignments propagate, storage not reachable) is logged and the host keeps running: a host that throws on
/// start is restarted again and again, while a running one answers each request that needs storage with the storage
/// failure and works again once access does.
/// </summary>
public sealed partial class StorageBootstrap(StorageAccount storage, StorageStartup startup, ILogger<StorageBootstrap> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!startup.CreateIfMissing)
        {
            LogTemplateOwned(log);
            return;
        }
        try
        {
            await storage.EnsureCreatedAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            LogRefused(log, e, e.Status);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(log, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Storage is identity-based: the tables and queues are the template's, none is created at start")]
    private static partial void LogTemplateOwned(ILogger logger);

    [LoggerMessage(LogLevel.Error,
        "Storage refused to create the tables and queues at start (HTTP {Status}); the host keeps running "
        + "and requests that need storage fail until the app's identity holds its data roles")]
    private static partial void LogRefused(ILogger logger, Exception exception, int status);

    [LoggerMessage(LogLevel.Error,
        "The tables and queues could not be created at start; the host keeps running and requests "
        + "that need storage fail until storage answers")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
