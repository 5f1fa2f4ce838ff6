using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PortalAccess.Storage;

namespace PortalAccess.Auth.Tokens;

/// <summary>
/// Signing keys in the <c>SigningKeys</c> table, one row per period, insert-only: of racing instances the first
/// insert wins and the others read it. For local runs and tests; anything that reads the tables could read these keys.
/// </summary>
public sealed partial class TableSigningKeyStore(StorageAccount storage, ILogger<TableSigningKeyStore> log) : ISigningKeyStore
{
    private const string Partition = "es256";

    private TableClient Table => storage.Table(StorageNames.SigningKeysTable);

    public static string KeyId(long period) => $"es256-{period}";

    public async Task<IReadOnlyList<StoredSigningKey>> FindAsync(long period, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<KeyEntity>(Partition, KeyId(period), cancellationToken: ct);
        return row.HasValue ? [new StoredSigningKey(KeyId(period), Convert.FromBase64String(row.Value!.Pkcs8))] : [];
    }

    public async Task AddAsync(long period, byte[] pkcs8, CancellationToken ct)
    {
        try
        {
            await Table.AddEntityAsync(
                new KeyEntity { PartitionKey = Partition, RowKey = KeyId(period), Pkcs8 = Convert.ToBase64String(pkcs8) }, ct);
            LogKeyCreated(log, KeyId(period));
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // another instance created this period's key first: FindAsync returns theirs
        }
    }

    [LoggerMessage(LogLevel.Information, "Signing key {KeyId} created")]
    private static partial void LogKeyCreated(ILogger logger, string keyId);

    private sealed class KeyEntity : TableRow
    {
        public string Pkcs8 { get; set; } = "";
    }
}
