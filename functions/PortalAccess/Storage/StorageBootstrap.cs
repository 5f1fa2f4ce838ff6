using Microsoft.Extensions.Hosting;

namespace PortalAccess.Storage;

/// <summary>Creates missing tables and queues at start-up (Azurite); in Azure the template made them already.</summary>
public sealed class StorageBootstrap(StorageAccount storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
