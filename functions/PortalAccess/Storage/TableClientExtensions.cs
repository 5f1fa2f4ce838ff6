using Azure;
using Azure.Data.Tables;

namespace PortalAccess.Storage;

internal static class TableClientExtensions
{
    /// <summary>
    /// Deletes a row whatever its version; a row that is gone already is the same outcome (the SDK answers a delete's 404
    /// as done, not with an exception).
    /// </summary>
    public static Task DeleteIfPresentAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken ct) =>
        table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, ct);
}
