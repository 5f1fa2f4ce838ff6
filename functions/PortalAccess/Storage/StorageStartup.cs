using Microsoft.Extensions.Configuration;

namespace PortalAccess.Storage;

/// <summary>
/// Whether the app creates its tables and queues at start. With identity-based storage
/// (<c>AzureWebJobsStorage__accountName</c>, no connection string) the account is Azure's and the Bicep template has
/// made every table and queue, so a start makes no storage call at all; with a connection string (Azurite, tests) the
/// app creates what is missing.
/// </summary>
public sealed record StorageStartup(bool CreateIfMissing)
{
    public static StorageStartup From(IConfiguration configuration) =>
        new(!string.IsNullOrEmpty(configuration["AzureWebJobsStorage"]));
}
