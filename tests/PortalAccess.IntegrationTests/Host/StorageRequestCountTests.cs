using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Standalone;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>
/// The Standalone host's opt-in <c>x-storage-requests</c> header (scripts/bench.sh reads it): the storage round trips one
/// request made, counted by the Azure.Core pipeline policy, never the mail worker's polling in between.
/// </summary>
public class StorageRequestCountTests(TestServices services)
    : ApiTest(services, configure: s => s.Configure<DiagnosticsOptions>(o => o.StorageRequestCountHeader = true))
{
    [Fact]
    public async Task Health_CostsOneStorageRequest_WhileTheMailWorkerPollsAndSends()
    {
        var owner = await Client.NewOwnerAsync();
        // a queued activation mail keeps the worker busy with the queue and the tables while health is asked
        Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Busy Worker", email = PortalClient.NewEmail(), areas = new[] { "invoices" } }, owner.AccessToken)).StatusCode);
        for (var i = 0; i < 20; i++)
        {
            // one query of the Accounts table (StorageAccount.IsReachableAsync)
            Assert.Equal(1, StorageRequests(await Client.SendAsync(HttpMethod.Get, "/api/health")));
        }
    }

    [Fact]
    public async Task Me_CostsOneStorageRequest()
    {
        var owner = await Client.NewOwnerAsync();

        // the caller's account and grants in one range query of its partition (CallerAccess); the token is checked without storage
        Assert.Equal(1, StorageRequests(await Client.SendAsync(HttpMethod.Get, "/api/me", token: owner.AccessToken)));
    }

    [Fact]
    public async Task LoginAndList_ReportTheirCount()
    {
        var owner = await Client.NewOwnerAsync();

        // how many requests these cost is what the performance work changes; here only that they are counted
        Assert.True(StorageRequests(await Client.TryLoginAsync(owner.Login, PortalClient.Password)) >= 1);
        Assert.True(StorageRequests(await Client.TryLoginAsync(owner.Login, "a wrong password")) >= 1);
        Assert.True(StorageRequests(await Client.TryLoginAsync(PortalClient.NewEmail("nobody"), PortalClient.Password)) >= 1);
        Assert.True(StorageRequests(await Client.SendAsync(HttpMethod.Get, "/api/users", token: owner.AccessToken)) >= 1);
    }

    [Fact]
    public async Task Header_IsOffByDefault()
    {
        await using var plain = new PortalApp(Services.StorageConnectionString, Services.MailDev.SmtpPort, Services.NewPrefix());
        using var http = plain.CreateClient();

        var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(StorageRequestCountHeader.Name));
    }

    private static int StorageRequests(HttpResponseMessage response) =>
        int.Parse(Assert.Single(response.Headers.GetValues(StorageRequestCountHeader.Name)), NumberStyles.None, CultureInfo.InvariantCulture);
}
