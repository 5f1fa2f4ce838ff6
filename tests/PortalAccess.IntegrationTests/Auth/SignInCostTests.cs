using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Auth;
using PortalAccess.Auth.Passwords;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Auth;

/// <summary>
/// What one sign-in costs in storage round trips, counted by a pipeline policy on the host's storage clients (not by
/// reading the code), and the re-hash of a password stored with older parameters riding on the same write.
/// </summary>
public class SignInCostTests : ApiTest
{
    private readonly StorageRequestLog storage;

    public SignInCostTests(TestServices services) : this(services, new StorageRequestLog())
    {
    }

    private SignInCostTests(TestServices services, StorageRequestLog storage)
        : base(services, requestLog: storage) => this.storage = storage;

    [Fact]
    public async Task SuccessfulLogin_TakesAtMostFourStorageRequests()
    {
        var owner = await Client.NewOwnerAsync(); // warm: signing key loaded
        var requests = await CountAsync(async () => Assert.Equal(HttpStatusCode.OK, (await Client.TryLoginAsync(owner.Login, owner.Password)).StatusCode));
        Assert.True(requests.Count <= 4, string.Join("\n", requests));
    }

    [Fact]
    public async Task FailedLogin_TakesAtMostThree_UnknownLoginOne_LockedLoginTwo()
    {
        var owner = await Client.NewOwnerAsync();
        var failed = await CountAsync(async () => Assert.Equal(HttpStatusCode.Unauthorized, (await Client.TryLoginAsync(owner.Login, "wrong password 0")).StatusCode));
        Assert.True(failed.Count <= 3, string.Join("\n", failed));

        var unknown = await CountAsync(async () => Assert.Equal(HttpStatusCode.Unauthorized, (await Client.TryLoginAsync(PortalClient.NewCustomerNumber(), "any password")).StatusCode));
        Assert.True(unknown.Count == 1, string.Join("\n", unknown));

        for (var i = 1; i < 5; i++)
        {
            await Client.TryLoginAsync(owner.Login, "wrong password " + i);
        }
        var locked = await CountAsync(async () => Assert.Equal(HttpStatusCode.Unauthorized, (await Client.TryLoginAsync(owner.Login, owner.Password)).StatusCode));
        Assert.True(locked.Count <= 2, string.Join("\n", locked));
    }

    [Fact]
    public async Task Rule5_APasswordHashedWithOlderParameters_IsRehashedByTheNextLogin_InTheSameWrite()
    {
        var owner = await Client.NewOwnerAsync();
        var accounts = Standalone.Services.GetRequiredService<AccountStore>();
        var stored = (await accounts.GetAsync(owner.Login, PrincipalKind.Owner, owner.Id, CancellationToken.None))!;
        await accounts.UpdateAsync(stored, stored with { PasswordHash = PasswordHasher.HashWith(owner.Password, 4096, 3) }, CancellationToken.None);

        var requests = await CountAsync(async () => Assert.Equal(HttpStatusCode.OK, (await Client.TryLoginAsync(owner.Login, owner.Password)).StatusCode));

        Assert.True(requests.Count <= 4, string.Join("\n", requests));
        var rehashed = (await accounts.GetAsync(owner.Login, PrincipalKind.Owner, owner.Id, CancellationToken.None))!.PasswordHash!;
        Assert.StartsWith("$argon2id$v=19$m=7168,t=5,p=1$", rehashed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Client.TryLoginAsync(owner.Login, owner.Password)).StatusCode);
    }

    [Fact]
    public async Task ThirtyTwoParallelCorrectSignIns_ReadTheAccountOnceEach_AndWriteItAtMostOnce()
    {
        var owner = await Client.NewOwnerAsync();
        var requests = await CountAsync(async () =>
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Client.TryLoginAsync(owner.Login, owner.Password)));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        });

        // a success with nothing to clear does not race the others: no conditional write to lose, no re-read after a loss
        var account = requests.Where(r => r.Contains(StorageNames.AccountsTable + "(", StringComparison.Ordinal)).ToList();
        Assert.Equal(32, account.Count(r => r.StartsWith("GET ", StringComparison.Ordinal)));
        Assert.True(account.Count(r => !r.StartsWith("GET ", StringComparison.Ordinal)) <= 1, string.Join("\n", account));
    }

    private async Task<IReadOnlyList<string>> CountAsync(Func<Task> call)
    {
        storage.Reset();
        await call();
        return storage.Requests;
    }
}
