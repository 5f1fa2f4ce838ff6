using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Auth;

/// <summary>
/// DESIGN.md rule 9 where two changes of the login index meet: a claim, a takeover of a stale row and the release of an
/// old address, each interleaved by <see cref="StorageInterleave"/> at the point where the other change lands. Whatever
/// the order, a login names one principal, the one that holds it can sign in with it, and no request answers 500.
/// </summary>
public class LoginRaceTests : ApiTest
{
    private readonly FakeTimeProvider clock;
    private readonly StorageInterleave race;

    public LoginRaceTests(TestServices services) : this(services, new FakeTimeProvider(DateTimeOffset.UtcNow), new StorageInterleave())
    {
    }

    private LoginRaceTests(TestServices services, FakeTimeProvider clock, StorageInterleave race) : base(services, clock: clock, interleave: race)
    {
        this.clock = clock;
        this.race = race;
    }

    [Fact]
    public async Task Rule9_ALoginFreedBetweenAClaimsConflictAndItsRead_IsClaimed()
    {
        var owner = await Client.NewOwnerAsync();
        var holder = await Client.NewUserAsync(owner, "shop");
        // the claim's insert meets the holder's row (409); before the claim reads that row, the holder is deleted
        var claimed = false;
        race.Matches = m => (claimed |= StorageInterleave.IsLoginClaim(m)) && StorageInterleave.IsLoginRow("GET")(m);
        race.Before = async () => Assert.Equal(HttpStatusCode.NoContent,
            (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{holder.Id}", token: owner.AccessToken)).StatusCode);
        race.Times = 1;

        var created = await CreateUserAsync(owner, holder.Login);

        Assert.Equal(1, race.Fired);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await AssertHeldByAsync(holder.Login, await IdOfAsync(created), nthMail: 2, owner);
    }

    /// <summary>
    /// A stale row (what a crash after the claim leaves) is taken over by two claimants at once; the one whose takeover
    /// comes second finds the row changed, or gone when the first let the address go again at once.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rule9_ATakeoverOfAStaleRow_ThatLosesTheRaceToAnother_Answers409_AndTheWinnerDecides(bool winnerLetsGo)
    {
        var owner = await Client.NewOwnerAsync();
        var rival = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        Assert.True(await Standalone.Services.GetRequiredService<LoginIndex>()
            .TryClaimAsync(email, owner.Login, PrincipalKind.User, Account.NewId(), CancellationToken.None));
        clock.Advance(LoginIndex.ClaimGrace + TimeSpan.FromSeconds(30));
        string? winner = null;
        race.Matches = StorageInterleave.IsLoginRow("PUT");
        race.Before = async () =>
        {
            winner = await IdOfAsync(await CreateUserAsync(rival, email));
            if (winnerLetsGo)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{winner}", token: rival.AccessToken)).StatusCode);
            }
        };
        race.Times = 1;

        var loser = await CreateUserAsync(owner, email);

        Assert.Equal(1, race.Fired);
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        var listed = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/users", token: owner.AccessToken));
        Assert.Equal(0, listed.GetProperty("items").GetArrayLength());
        if (winnerLetsGo)
        {
            // the address is free: asking again gets it, and then it is taken (whether the winner's mail went out is a race)
            Assert.Equal(HttpStatusCode.Created, (await CreateUserAsync(owner, email)).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await CreateUserAsync(rival, email)).StatusCode);
        }
        else
        {
            await AssertHeldByAsync(email, winner!, nthMail: 1, owner);
        }
    }

    /// <summary>
    /// A user moves to a new address; once its account carries the new one, the old row is stale and another user takes
    /// the old address over, before the move's release reads that row or before it deletes it. The release must leave
    /// the new holder's row alone.
    /// </summary>
    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task Rule9_AMoveWhoseReleaseOfTheOldAddressMeetsATakeover_LeavesTheNewHolderItsLogin(string before)
    {
        var (owner, mover) = await MoverWithAnOldRowAsync();
        HttpResponseMessage? taker = null;
        race.Matches = StorageInterleave.IsLoginRow(before);
        race.Before = async () => taker = await CreateUserAsync(owner, mover.Login);
        race.Times = 1;

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(owner, mover)).StatusCode);

        Assert.Equal(1, race.Fired);
        Assert.Equal(HttpStatusCode.Created, taker!.StatusCode);
        await AssertHeldByAsync(mover.Login, await IdOfAsync(taker), nthMail: 2, owner);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task Rule9_AMoveWhoseOldAddressIsTakenAndFreedAgainBeforeItsRelease_EndsCleanly_AndTheAddressIsFree(string before)
    {
        var (owner, mover) = await MoverWithAnOldRowAsync();
        race.Matches = StorageInterleave.IsLoginRow(before);
        race.Before = async () =>
        {
            var taker = await IdOfAsync(await CreateUserAsync(owner, mover.Login));
            Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{taker}", token: owner.AccessToken)).StatusCode);
        };
        race.Times = 1;

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(owner, mover)).StatusCode);

        Assert.Equal(1, race.Fired);
        Assert.Equal(HttpStatusCode.Created, (await CreateUserAsync(owner, mover.Login)).StatusCode);
    }

    /// <summary>A signed-in user whose index row is older than the claim grace, so that it can be taken over once stale.</summary>
    private async Task<(Session Owner, Session Mover)> MoverWithAnOldRowAsync()
    {
        var owner = await Client.NewOwnerAsync();
        var mover = await Client.NewUserAsync(owner, "shop");
        clock.Advance(LoginIndex.ClaimGrace + TimeSpan.FromSeconds(30));
        return (owner, mover);
    }

    private Task<HttpResponseMessage> MoveAsync(Session owner, Session mover) =>
        Client.SendAsync(HttpMethod.Put, $"/api/users/{mover.Id}", new { name = "Moved", email = PortalClient.NewEmail("moved"), areas = new[] { "shop" } }, owner.AccessToken);

    private Task<HttpResponseMessage> CreateUserAsync(Session owner, string email) =>
        Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Claimant", email, areas = new[] { "shop" } }, owner.AccessToken);

    private static async Task<string> IdOfAsync(HttpResponseMessage created) =>
        (await PortalClient.JsonAsync(created)).GetProperty("id").GetString()!;

    /// <summary>
    /// <paramref name="login"/> belongs to <paramref name="id"/>: its activation (the <paramref name="nthMail"/>th to that
    /// address) works, it signs in as that principal, and no one else can claim the address.
    /// </summary>
    private async Task AssertHeldByAsync(string login, string id, int nthMail, Session anyOwner)
    {
        await Client.ActivateAsync(PortalClient.TokenIn(await MailTextAsync(login, nthMail)), PortalClient.Password);
        Assert.Equal(id, (await Client.LoginAsync(login, PortalClient.Password)).Id);
        Assert.Equal(HttpStatusCode.Conflict, (await CreateUserAsync(anyOwner, login)).StatusCode);
    }
}
