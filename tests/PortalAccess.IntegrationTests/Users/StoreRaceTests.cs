using System.Net;
using Azure.Data.Tables;
using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Users;

/// <summary>
/// The account store's transactions (a principal with its grant rows) meeting a change that landed between the app's read
/// and its write: the request answers 412 and writes nothing, never a 500 and never a half-written principal. The race is
/// made to happen by <see cref="StorageInterleave"/> just before the app's transaction.
/// </summary>
/// <remarks>
/// Azurite ignores the ETags inside a transaction (Azure does not), so these races use what Azurite does check: a row that
/// is gone. A transaction that meets an ETag mismatch in Azure fails the same way, with 412 instead of 404.
/// </remarks>
public class StoreRaceTests : ApiTest
{
    private readonly StorageInterleave race;

    public StoreRaceTests(TestServices services) : this(services, new StorageInterleave())
    {
    }

    private StoreRaceTests(TestServices services, StorageInterleave race) : base(services, interleave: race) => this.race = race;

    private async Task<(Session Owner, string Id, string Email, string? ETag)> NewUserAsync()
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        var created = await Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Raced", email, areas = new[] { "invoices" } }, owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (owner, (await PortalClient.JsonAsync(created)).GetProperty("id").GetString()!, email, created.Headers.ETag?.Tag);
    }

    private void BeforeTheNextTransaction(Func<Task> change)
    {
        race.Matches = StorageInterleave.IsTransaction;
        race.Before = change;
        race.Times = 1;
    }

    [Fact]
    public async Task Rule9_ADeleteThatMeetsAnotherDelete_Answers412_AndTheUserStaysGone()
    {
        var (owner, id, _, etag) = await NewUserAsync();
        BeforeTheNextTransaction(async () => Assert.Equal(HttpStatusCode.NoContent,
            (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{id}", token: owner.AccessToken, ifMatch: etag)).StatusCode));

        var late = await Client.SendAsync(HttpMethod.Delete, $"/api/users/{id}", token: owner.AccessToken, ifMatch: etag);

        Assert.Equal(1, race.Fired);
        Assert.Equal(HttpStatusCode.PreconditionFailed, late.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Get, $"/api/users/{id}", token: owner.AccessToken)).StatusCode);
    }

    /// <summary>The new area's grant row would be written in the same transaction as the principal: both or neither.</summary>
    [Fact]
    public async Task Rule9_AnAreaChangeThatMeetsADelete_Answers412_AndLeavesNoGrantRowBehind()
    {
        var (owner, id, email, etag) = await NewUserAsync();
        BeforeTheNextTransaction(async () => Assert.Equal(HttpStatusCode.NoContent,
            (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{id}", token: owner.AccessToken, ifMatch: etag)).StatusCode));

        var late = await Client.SendAsync(HttpMethod.Put, $"/api/users/{id}",
            new { name = "Raced", email, areas = new[] { "invoices", "shop" } }, owner.AccessToken, ifMatch: etag);

        Assert.Equal(1, race.Fired);
        Assert.Equal(HttpStatusCode.PreconditionFailed, late.StatusCode);
        var customer = owner.Principal.GetProperty("customerNumber").GetString()!;
        var rows = App.Storage.Table(StorageNames.AccountsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {customer}"));
        await foreach (var row in rows)
        {
            Assert.DoesNotContain(id, row.RowKey, StringComparison.Ordinal);
        }
    }
}
