using System.Net;
using Azure.Data.Tables;
using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Customers;

/// <summary><c>DELETE /api/customers/{n}</c>: GDPR erasure of everything a customer left behind.</summary>
public abstract class CustomerErasureTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    public sealed class OnStandalone(TestServices services) : CustomerErasureTests(services, HostKind.Standalone);

    public sealed class OnWorker(TestServices services) : CustomerErasureTests(services, HostKind.Worker);

    [Fact]
    public async Task Erasure_RemovesEveryPrincipalLoginSessionLinkAndAuditRow_AndFreesTheAddresses()
    {
        var owner = await Client.NewOwnerAsync();
        var customer = owner.Principal.GetProperty("customerNumber").GetString()!;
        var user = await Client.NewUserAsync(owner, "shop");
        var invited = PortalClient.NewEmail();
        await Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Invited", email = invited, areas = Array.Empty<string>() }, owner.AccessToken);
        await MailTextAsync(invited);
        var number = $"+4940{Random.Shared.Next(1_000_000, 9_999_999)}";
        await new TelephonySender(Client.Http).SendAsync(TelephonySender.Event("sip.account.upserted",
            new { customerNumber = customer, sipAccountId = "sip", number, password = "sip password" }));

        using var unkeyed = new HttpRequestMessage(HttpMethod.Delete, $"/api/customers/{customer}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.Http.SendAsync(unkeyed)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await EraseAsync(customer)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await EraseAsync(customer)).StatusCode);

        foreach (var (login, password) in new[] { (owner.Login, owner.Password), (user.Login, user.Password), (number, "sip password") })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Post, "/api/auth/login", new { login, password })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = owner.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Get, "/api/me", token: user.AccessToken)).StatusCode);

        var tables = App.Storage;
        foreach (var name in new[] { StorageNames.AccountsTable, StorageNames.SessionsTable, StorageNames.AuditTable })
        {
            Assert.Equal(0, await CountAsync(tables.Table(name), TableClient.CreateQueryFilter($"PartitionKey eq {customer}")));
        }
        Assert.Equal(0, await CountAsync(tables.Table(StorageNames.LinkTokensTable), TableClient.CreateQueryFilter($"CustomerNumber eq {customer}")));
        Assert.Equal(0, await CountAsync(tables.Table(StorageNames.LoginsTable), TableClient.CreateQueryFilter($"CustomerNumber eq {customer}")));

        // the addresses are free at once for someone else
        var other = await Client.NewOwnerAsync();
        Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Reused", email = user.Login, areas = Array.Empty<string>() }, other.AccessToken)).StatusCode);
    }

    private async Task<HttpResponseMessage> EraseAsync(string customer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/customers/{customer}");
        request.Headers.Add("x-functions-key", PortalApp.SystemKey);
        return await Client.Http.SendAsync(request);
    }

    private static async Task<int> CountAsync(TableClient table, string filter)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"]))
        {
            count++;
        }
        return count;
    }
}
