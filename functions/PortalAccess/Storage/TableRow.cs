using Azure;
using Azure.Data.Tables;

namespace PortalAccess.Storage;

/// <summary>The four system properties every table entity carries.</summary>
internal abstract class TableRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
}

internal static class TableClientExtensions
{
    /// <summary>
    /// Deletes a row whatever its version; a row that is gone already is the same outcome (the SDK answers a delete's 404
    /// as done, not with an exception).
    /// </summary>
    public static Task DeleteIfPresentAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken ct) =>
        table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, ct);
}
