using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>
/// The storage requests one cold start of the Standalone host makes against the real Azurite, counted by
/// <see cref="StorageRequestLog"/> (the mail worker's polling aside): one create per table and queue locally, none
/// where the template made them (what identity-based storage in Azure decides, see <see cref="StorageStartup"/>).
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class ColdStartStorageTests(TestServices services)
{
    [Fact]
    public async Task LocalColdStart_CreatesEachTableAndQueueOnce()
    {
        var log = new StorageRequestLog();
        var prefix = services.NewPrefix();
        await using var app = new PortalApp(services.StorageConnectionString, services.MailDev.SmtpPort, prefix, requestLog: log);

        using var http = app.CreateClient();
        var started = log.Requests;

        Assert.Equal(StorageNames.Tables.Count, started.Count(r => r.StartsWith("POST ", StringComparison.Ordinal) && r.EndsWith("/Tables", StringComparison.Ordinal)));
        Assert.Equal(
            StorageNames.Queues.Select(q => $"PUT /{app.Storage.QueueName(q)}").Order(StringComparer.Ordinal),
            started.Where(r => r.StartsWith("PUT ", StringComparison.Ordinal)).Select(r => "PUT /" + r[(r.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal));
        Assert.Equal(9, started.Count);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/health", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ColdStartWithTemplateMadeStorage_MakesNoStorageRequest_AndServes()
    {
        var log = new StorageRequestLog();
        var prefix = services.NewPrefix();
        // the tables and queues exist already, as the template makes them in Azure
        await using (var template = new PortalApp(services.StorageConnectionString, services.MailDev.SmtpPort, prefix))
        {
            template.CreateClient().Dispose();
        }
        await using var app = new PortalApp(services.StorageConnectionString, services.MailDev.SmtpPort, prefix,
            configure: s => s.AddSingleton(new StorageStartup(CreateIfMissing: false)), requestLog: log);

        using var http = app.CreateClient();

        Assert.Empty(log.Requests);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/health", UriKind.Relative))).StatusCode);
    }

    /// <summary>
    /// Right after the first deployment the app's identity may be refused until its role assignments propagate: the
    /// host starts anyway and answers 503 with <c>Retry-After</c>, then serves as soon as access works, no restart.
    /// </summary>
    [Fact]
    public async Task IdentityRefusedByStorage_Answers503WithRetryAfter_UntilAccessWorks()
    {
        var refused = new StorageFault
        {
            Matches = _ => true,
            Armed = true,
            Failure = m => new Azure.RequestFailedException(403, "This request is not authorized to perform this operation.", "AuthorizationPermissionMismatch", null),
        };
        var prefix = services.NewPrefix();
        // as in Azure: the template made the tables and queues, the app makes none at start
        await using (var template = new PortalApp(services.StorageConnectionString, services.MailDev.SmtpPort, prefix))
        {
            template.CreateClient().Dispose();
        }
        await using var app = new PortalApp(services.StorageConnectionString, services.MailDev.SmtpPort, prefix, fault: refused,
            configure: s => s.AddSingleton(new StorageStartup(CreateIfMissing: false)));
        using var http = app.CreateClient();

        var health = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.NotNull(health.Headers.RetryAfter);
        var login = await http.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { login = "C100001", password = "a long passphrase" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
        Assert.Equal(Http.Problems.TypeBase + "storage-unavailable", (await PortalClient.JsonAsync(login)).GetProperty("type").GetString());

        refused.Armed = false; // the role assignment has arrived
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/health", UriKind.Relative))).StatusCode);
    }
}
