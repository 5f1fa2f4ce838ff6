using System.Net;
using System.Net.Http.Json;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Auth;

/// <summary>
/// DESIGN.md rule 6 under load, through HTTP with parallel clients: correct sign-ins of one account never count against
/// each other, and a burst of wrong guesses still locks it after a bounded number of checked guesses.
/// </summary>
public abstract class ConcurrentSignInTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    private const int Clients = 32;

    public sealed class OnStandalone(TestServices services) : ConcurrentSignInTests(services, HostKind.Standalone);

    public sealed class OnWorker(TestServices services) : ConcurrentSignInTests(services, HostKind.Worker);

    [Fact]
    public async Task Rule6_ThirtyTwoParallelCorrectSignIns_AllSucceed_WithoutLocking_AndEachSessionWorks()
    {
        var owner = await Client.NewOwnerAsync();

        var answers = await BurstAsync(_ => ("/api/auth/login", new { login = owner.Login, password = owner.Password }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var refreshTokens = answers.Select(a => a.Json.GetProperty("refreshToken").GetString()!).ToList();
        Assert.Equal(Clients, refreshTokens.Distinct().Count());
        var account = await StoredOwnerAsync(owner);
        Assert.Equal(0, account.FailedLogins);
        Assert.Null(account.LockedUntil);
        Assert.NotNull(account.LastLoginAt);

        var refreshed = await BurstAsync(i => ("/api/auth/refresh", new { refreshToken = refreshTokens[i] }));
        Assert.All(refreshed, a => Assert.Equal(HttpStatusCode.OK, a.Status));
    }

    [Fact]
    public async Task Rule6_ThirtyTwoClientsSigningInAgainAndAgain_AreNeverRefused()
    {
        // a closed loop, as a load tool drives it: whoever is answered signs in again at once, so the writes of one
        // round meet the reads of the next (a conditional write per sign-in let the same losers lose round after round)
        var owner = await Client.NewOwnerAsync();
        var clients = Enumerable.Range(0, Clients).Select(_ => App.CreateClient()).ToList();
        try
        {
            var answers = await Task.WhenAll(clients.Select(async client =>
            {
                var statuses = new List<HttpStatusCode>();
                for (var round = 0; round < 4; round++)
                {
                    using var response = await client.PostAsJsonAsync("/api/auth/login", new { login = owner.Login, password = owner.Password });
                    statuses.Add(response.StatusCode);
                }
                return statuses;
            }));

            Assert.All(answers.SelectMany(a => a), status => Assert.Equal(HttpStatusCode.OK, status));
            var account = await StoredOwnerAsync(owner);
            Assert.Equal(0, account.FailedLogins);
            Assert.Null(account.LockedUntil);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Rule6_ThirtyTwoParallelWrongGuesses_Lock_AfterAtMostTheThresholdPlusTheHashesThatRunAtOnce()
    {
        var owner = await Client.NewOwnerAsync();

        var answers = await BurstAsync(i => ("/api/auth/login", new { login = owner.Login, password = "parallel wrong guess " + i }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.TryLoginAsync(owner.Login, owner.Password)).StatusCode);
        var counted = (await StoredOwnerAsync(owner)).FailedLogins;
        Assert.InRange(counted, 5, 5 + Environment.ProcessorCount);

        // the lock landed once, and the trail says after how many failures
        var audit = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/audit?pageSize=200", token: owner.AccessToken));
        var locks = audit.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "login.locked").ToList();
        var locked = Assert.Single(locks);
        Assert.InRange(locked.GetProperty("changes").GetProperty("failedLogins").GetProperty("after").GetInt32(), 5, counted);
    }

    /// <summary>One POST per client, all released at once; every answer with its status and JSON body.</summary>
    private async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Json)[]> BurstAsync(Func<int, (string Path, object Body)> request)
    {
        var clients = Enumerable.Range(0, Clients).Select(_ => App.CreateClient()).ToList();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var calls = clients.Select(async (client, i) =>
            {
                await start.Task;
                var (path, body) = request(i);
                using var response = await client.PostAsJsonAsync(path, body);
                return (response.StatusCode, await PortalClient.JsonAsync(response));
            }).ToList();
            start.SetResult();
            return await Task.WhenAll(calls);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private async Task<Account> StoredOwnerAsync(Session owner) =>
        await new AccountStore(App.Storage).GetAsync(owner.Login, PrincipalKind.Owner, owner.Id, CancellationToken.None)
        ?? throw new InvalidOperationException("The owner's row is gone.");
}
