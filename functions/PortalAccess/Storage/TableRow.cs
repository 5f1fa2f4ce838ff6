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
