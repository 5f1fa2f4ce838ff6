using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Users;

/// <summary>
/// A crash between two storage writes of user creation or email change must leave the system consistent.
/// The crash is simulated by failing the storage requests from a point on (so no clean-up can run either).
/// </summary>
public class CrashConsistencyTests : ApiTest
{
    private readonly StorageFault fault;
    private readonly FakeTimeProvider clock;

    public CrashConsistencyTests(TestServices services) : this(services, new StorageFault(), new FakeTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private CrashConsistencyTests(TestServices services, StorageFault fault, FakeTimeProvider clock) : base(services, fault, clock)
    {
        this.fault = fault;
        this.clock = clock;
    }

    [Fact]
    public async Task Rule9_QueueFailureOnCreate_LeavesNoUser_AndTheRequestCanBeRetried()
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        var body = new { name = "Retry Me", email, areas = new[] { "shop" } };
        fault.Matches = m => StorageFault.Is(m, "POST", $"{StorageNames.MailOutboxQueue}/messages");
        fault.Armed = true;

        var failed = await Client.SendAsync(HttpMethod.Post, "/api/users", body, owner.AccessToken);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("Injected", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        fault.Armed = false;
        Assert.Equal(0, await UserCountAsync(owner));
        Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(HttpMethod.Post, "/api/users", body, owner.AccessToken)).StatusCode);
        await Client.ActivateAsync(await Client.LinkTokenAsync(email), PortalClient.Password);
        await Client.LoginAsync(email, PortalClient.Password);
    }

    [Fact]
    public async Task Rule9_CrashAfterLoginClaimBeforeAccountWrite_LeavesOnlyAStaleIndexRow_ThatIsTakenOverLater()
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        var body = new { name = "Half Written", email, areas = new[] { "shop" } };
        await CrashAfterTheLoginClaimAsync(owner, body);

        Assert.Equal(0, await UserCountAsync(owner));
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Client.SendAsync(HttpMethod.Post, "/api/auth/login", new { login = email, password = PortalClient.Password })).StatusCode);
        // a young index row may be a write in progress, so it is respected for a while ...
        Assert.Equal(HttpStatusCode.Conflict, (await Client.SendAsync(HttpMethod.Post, "/api/users", body, owner.AccessToken)).StatusCode);
        // ... and then recognised as stale and taken over
        clock.Advance(LoginIndex.ClaimGrace + TimeSpan.FromSeconds(30));
        owner = await Client.LoginAsync(owner.Login, owner.Password);
        Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(HttpMethod.Post, "/api/users", body, owner.AccessToken)).StatusCode);
        await Client.ActivateAsync(await Client.LinkTokenAsync(email), PortalClient.Password);
        await Client.LoginAsync(email, PortalClient.Password);
    }

    [Fact]
    public async Task Rule9_AStaleIndexRow_IsRespectedForTheWholeClaimGrace_AndTakenOverWhenItEnds_ToTheTick()
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        var body = new { name = "Half Written", email, areas = new[] { "shop" } };
        await CrashAfterTheLoginClaimAsync(owner, body);
        // the grace counts from the time storage gave the row, which only storage knows
        var row = await App.Storage.Table(StorageNames.LoginsTable).GetEntityAsync<TableEntity>(TableKeys.Escape(email), "login");
        var claimedAt = row.Value.Timestamp!.Value;

        clock.SetUtcNow(claimedAt + LoginIndex.ClaimGrace - TimeSpan.FromTicks(1));
        owner = await Client.LoginAsync(owner.Login, owner.Password);
        Assert.Equal(HttpStatusCode.Conflict, (await Client.SendAsync(HttpMethod.Post, "/api/users", body, owner.AccessToken)).StatusCode);
        clock.SetUtcNow(claimedAt + LoginIndex.ClaimGrace);
        Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(HttpMethod.Post, "/api/users", body, owner.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Rule9_ALoginInUse_IsNeverTakenOver_HoweverOldItsIndexRow()
    {
        var owner = await Client.NewOwnerAsync();
        var holder = await Client.NewUserAsync(owner, "shop");
        var rival = await Client.NewOwnerAsync();
        clock.Advance(LoginIndex.ClaimGrace * 10);
        owner = await Client.LoginAsync(owner.Login, owner.Password);
        rival = await Client.LoginAsync(rival.Login, rival.Password);

        // neither another user of the same customer nor one of another customer gets the address
        Assert.Equal(HttpStatusCode.Conflict, (await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Twin", email = holder.Login, areas = Array.Empty<string>() }, owner.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Thief", email = holder.Login, areas = Array.Empty<string>() }, rival.AccessToken)).StatusCode);
        await Client.LoginAsync(holder.Login, holder.Password);
    }

    /// <summary>
    /// The create's account transaction is stored, but its answer is lost on the way back: the request fails, and its
    /// clean-up must see that an account carries the login and keep the index row, or the stored user could never sign in
    /// and its address could be claimed a second time.
    /// </summary>
    [Fact]
    public async Task Rule9_ACreateWhoseAccountWriteWasStored_ButItsAnswerLost_KeepsTheLoginForTheStoredUser()
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        fault.Matches = m => StorageFault.Is(m, "POST", "$batch");
        fault.LoseTheAnswer = true;
        fault.Armed = true;
        Assert.Equal(HttpStatusCode.InternalServerError, (await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Stored Anyway", email, areas = new[] { "shop" } }, owner.AccessToken)).StatusCode);
        fault.Armed = false;

        var listed = (await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/users", token: owner.AccessToken))).GetProperty("items");
        var user = Assert.Single(listed.EnumerateArray());
        Assert.Equal(email, user.GetProperty("email").GetString());
        var id = user.GetProperty("id").GetString()!;
        // its invitation was never queued: a new one makes the user usable
        Assert.Equal(HttpStatusCode.Accepted, (await Client.SendAsync(HttpMethod.Post, $"/api/users/{id}/activation-mail", token: owner.AccessToken)).StatusCode);
        await Client.ActivateAsync(await Client.LinkTokenAsync(email), PortalClient.Password);
        Assert.Equal(id, (await Client.LoginAsync(email, PortalClient.Password)).Id);
        clock.Advance(LoginIndex.ClaimGrace * 10);
        owner = await Client.LoginAsync(owner.Login, owner.Password);
        Assert.Equal(HttpStatusCode.Conflict, (await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Second Claim", email, areas = Array.Empty<string>() }, owner.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Rule9_CrashDuringEmailChange_AfterTheAccountWrite_KeepsTheAccountAsTheTruth()
    {
        var owner = await Client.NewOwnerAsync();
        var user = await Client.NewUserAsync(owner, "shop");
        var newEmail = PortalClient.NewEmail("moved");
        // the account is updated and the mail queued, then the process "dies" before the old index row is removed
        fault.Matches = m => m.Request.Method.ToString() == "DELETE";
        fault.Armed = true;
        Assert.Equal(HttpStatusCode.InternalServerError, (await Client.SendAsync(HttpMethod.Put, $"/api/users/{user.Id}",
            new { name = "Moved", email = newEmail, areas = new[] { "shop" } }, owner.AccessToken)).StatusCode);
        fault.Armed = false;

        var stored = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", token: owner.AccessToken));
        Assert.Equal(newEmail, stored.GetProperty("email").GetString());
        Assert.Equal("invited", stored.GetProperty("status").GetString());
        // the old address no longer signs in: its index row is stale (the account carries the new login)
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Client.SendAsync(HttpMethod.Post, "/api/auth/login", new { login = user.Login, password = PortalClient.Password })).StatusCode);
        // the new address got its activation and works
        await Client.ActivateAsync(await Client.LinkTokenAsync(newEmail), PortalClient.Password);
        await Client.LoginAsync(newEmail, PortalClient.Password);
        // and the old address is free again once the stale row is recognised
        clock.Advance(LoginIndex.ClaimGrace + TimeSpan.FromSeconds(30));
        owner = await Client.LoginAsync(owner.Login, owner.Password);
        Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Reuses Address", email = user.Login, areas = Array.Empty<string>() }, owner.AccessToken)).StatusCode);
    }

    /// <summary>Creates a user whose account transaction fails, and so does every later write (the process is "dead").</summary>
    private async Task CrashAfterTheLoginClaimAsync(Session owner, object body)
    {
        fault.Matches = m => StorageFault.Is(m, "POST", "$batch") || m.Request.Method.ToString() == "DELETE";
        fault.Armed = true;
        Assert.Equal(HttpStatusCode.InternalServerError, (await Client.SendAsync(HttpMethod.Post, "/api/users", body, owner.AccessToken)).StatusCode);
        fault.Armed = false;
    }

    private async Task<int> UserCountAsync(Session owner) =>
        (await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/users", token: owner.AccessToken)))
            .GetProperty("items").GetArrayLength();
}
