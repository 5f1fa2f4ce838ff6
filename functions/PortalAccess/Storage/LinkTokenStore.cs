using Azure.Data.Tables;
using PortalAccess.Principals;

namespace PortalAccess.Storage;

public sealed class LinkTokenStore(StorageAccount storage)
{
    private const string Row = "link";
    private TableClient Table => storage.Table(StorageNames.LinkTokensTable);

    public Task AddAsync(string hash, LinkTarget target, CancellationToken ct) =>
        Table.AddEntityAsync(new LinkEntity
        {
            PartitionKey = hash, RowKey = Row, CustomerNumber = target.CustomerNumber,
            Kind = target.Kind.ToString(), PrincipalId = target.PrincipalId, MailId = target.MailId,
        }, ct);

    public async Task<LinkTarget?> FindAsync(string hash, CancellationToken ct)
    {
        var response = await Table.GetEntityIfExistsAsync<LinkEntity>(hash, Row, cancellationToken: ct);
        return response.HasValue && response.Value is { } e
            ? new LinkTarget(e.CustomerNumber, Enum.Parse<PrincipalKind>(e.Kind), e.PrincipalId, e.MailId)
            : null;
    }

    public Task DeleteAsync(string hash, CancellationToken ct) =>
        Table.DeleteIfPresentAsync(hash, Row, ct);

    private sealed class LinkEntity : TableRow
    {
        public string CustomerNumber { get; set; } = "";
        public string Kind { get; set; } = "";
        public string PrincipalId { get; set; } = "";
        public string MailId { get; set; } = "";
    }
}
