using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PortalAccess.Auth;
using PortalAccess.Auth.Passwords;
using PortalAccess.Auth.SignIn;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Auth;

/// <summary>
/// DESIGN.md rules 5, 6 and 8 where a sign-in races another change of the account: the race is made to happen, not
/// hoped for, by a <see cref="StorageInterleave"/> that runs the other change (through the API where one exists, else by
/// writing the row) just before the sign-in's conditional write of the account row, which then meets a real 412.
/// </summary>
public class SignInRaceTests : ApiTest
{
    private const string Wrong = "a wrong password";
    private const string NewPassword = "a brand new long password";

    private readonly FakeTimeProvider clock;
    private readonly StorageInterleave race;
    private readonly StorageRequestLog storage;

    public SignInRaceTests(TestServices services)
        : this(services, new FakeTimeProvider(DateTimeOffset.UtcNow), new StorageInterleave(), new StorageRequestLog())
    {
    }

    private SignInRaceTests(TestServices services, FakeTimeProvider clock, StorageInterleave race, StorageRequestLog storage)
        : base(services, clock: clock, requestLog: storage, interleave: race)
    {
        this.clock = clock;
        this.race = race;
        this.storage = storage;
    }

    private AccountStore Accounts => Standalone.Services.GetRequiredService<AccountStore>();

    [Fact]
    public async Task Rule6_AWrongPassword_ThatMeetsALockLandedWhileItWasChecked_IsNotCountedOnTopOfTheLock()
    {
        var (owner, user) = await NewUserAsync();
        Interleave(() => FailAsync(user, 5)); // a burst of guesses locks the account meanwhile

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, Wrong));

        Assert.Equal(1, race.Fired);
        var stored = await StoredAsync(owner, user);
        Assert.Equal(5, stored.FailedLogins);
        Assert.Equal(clock.GetUtcNow() + Lockout.FirstLock, stored.LockedUntil);
        Assert.Single(await LockEntriesAsync(owner, user));
    }

    [Fact]
    public async Task Rule6_AWrongPassword_WhoseWriteMeetsAnotherFailure_CountsOnTopOfIt()
    {
        var (owner, user) = await NewUserAsync();
        Interleave(() => FailAsync(user, 1));

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, Wrong));

        Assert.Equal(1, race.Fired);
        Assert.Equal(2, (await StoredAsync(owner, user)).FailedLogins);
    }

    [Fact]
    public async Task Rule6_AWrongPassword_WhoseAccountIsDeletedMeanwhile_Answers401_AndRecreatesNothing()
    {
        var (owner, user) = await NewUserAsync();
        Interleave(async () => Assert.Equal(HttpStatusCode.NoContent,
            (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}", token: owner.AccessToken)).StatusCode));

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, Wrong));

        Assert.Equal(1, race.Fired);
        await AssertGoneAsync(owner, user);
    }

    [Fact]
    public async Task Rule8_TheFailureThatLocks_WritesOneLoginLockedEntry_AndFailuresWhileLockedWriteNone()
    {
        var (owner, user) = await NewUserAsync();
        await FailAsync(user, 4);
        Assert.Empty(await LockEntriesAsync(owner, user));

        await FailAsync(user, 1);
        var locked = Assert.Single(await LockEntriesAsync(owner, user));
        AssertLockEntry(locked, clock.GetUtcNow() + Lockout.FirstLock, 4, 5);

        await FailAsync(user, 2);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, PortalClient.Password));
        Assert.Single(await LockEntriesAsync(owner, user));
        Assert.Equal(5, (await StoredAsync(owner, user)).FailedLogins);

        // once the lock has passed, the next failure locks again, twice as long, and says so once
        clock.Advance(Lockout.FirstLock + TimeSpan.FromSeconds(1));
        await FailAsync(user, 1);
        var entries = await LockEntriesAsync(owner, user);
        Assert.Equal(2, entries.Count);
        AssertLockEntry(entries[0], clock.GetUtcNow() + 2 * Lockout.FirstLock, 5, 6);
    }

    [Fact]
    public async Task Rule8_AFailureThatLocksNothing_WritesNoLoginLocked_EvenOnARowThatStillCarriesAnExpiredLock()
    {
        // no path of the app leaves an expired lock under a counter below the threshold (a success clears both), but a
        // row may hold one (written by an older version, or by hand): the trail must not report a lock that did not land
        var (owner, user) = await NewUserAsync();
        var stored = await StoredAsync(owner, user);
        Assert.True((await Accounts.UpdateAsync(stored, stored with { LockedUntil = clock.GetUtcNow() - TimeSpan.FromMinutes(1) }, CancellationToken.None)).Done);

        await FailAsync(user, 1);

        Assert.Equal(1, (await StoredAsync(owner, user)).FailedLogins);
        Assert.Empty(await LockEntriesAsync(owner, user));
    }

    [Fact]
    public async Task Rule6_ARightPassword_WhoseWriteMeetsALockLandedMeanwhile_IsRefused_AndTheLockStands()
    {
        var (owner, user) = await NewUserAsync(failures: 1);
        Interleave(() => FailAsync(user, 4));

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, PortalClient.Password));

        Assert.Equal(1, race.Fired);
        var stored = await StoredAsync(owner, user);
        Assert.Equal(5, stored.FailedLogins);
        Assert.Equal(clock.GetUtcNow() + Lockout.FirstLock, stored.LockedUntil);
        clock.Advance(Lockout.FirstLock + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(user.Login, PortalClient.Password));
    }

    [Fact]
    public async Task Rule6_ARightPassword_WhoseAccountIsDeletedMeanwhile_IsRefused_AndNothingIsRecreated()
    {
        var (owner, user) = await NewUserAsync(failures: 1);
        Interleave(async () => Assert.Equal(HttpStatusCode.NoContent,
            (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}", token: owner.AccessToken)).StatusCode));

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, PortalClient.Password));

        Assert.Equal(1, race.Fired);
        await AssertGoneAsync(owner, user);
    }

    /// <summary>The common sign-in writes only <c>LastLoginAt</c>, with a blind merge; a merge never creates a row.</summary>
    [Fact]
    public async Task Rule6_ARightPassword_WhoseLastLoginMergeMeetsADelete_IsRefused_AndNothingIsRecreated()
    {
        var (owner, user) = await NewUserAsync();
        clock.Advance(PasswordSignIn.LastLoginPrecision + TimeSpan.FromSeconds(1)); // so that this sign-in records itself
        race.Matches = StorageInterleave.IsBlindAccountMerge;
        Interleave(async () => Assert.Equal(HttpStatusCode.NoContent,
            (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{user.Id}", token: owner.AccessToken)).StatusCode));

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, PortalClient.Password));

        Assert.Equal(1, race.Fired);
        await AssertGoneAsync(owner, user);
    }

    [Fact]
    public async Task Rule6_ARightPassword_WhoseUserIsMovedToANewAddressMeanwhile_IsRefused_AndTheUserStaysInvited()
    {
        var (owner, user) = await NewUserAsync(failures: 1);
        var moved = PortalClient.NewEmail("moved");
        Interleave(async () => Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Put, $"/api/users/{user.Id}",
            new { name = "Moved", email = moved, areas = new[] { "shop" } }, owner.AccessToken)).StatusCode));

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, PortalClient.Password));

        Assert.Equal(1, race.Fired);
        var stored = await StoredAsync(owner, user);
        Assert.Equal((AccountStatus.Invited, moved, (string?)null), (stored.Status, stored.Login, stored.PasswordHash));
    }

    [Theory]
    [InlineData(AccountStatus.Invited, true)]
    [InlineData(AccountStatus.Active, false)]
    public async Task Rule6_ARightPassword_WhoseRowIsNoLongerActiveMeanwhile_IsRefused_EvenUnderTheSameStamp(AccountStatus status, bool keepsHash)
    {
        // the app's own deactivations (a new address) change the stamp too; the row's state alone must refuse already
        var (owner, user) = await NewUserAsync(failures: 1);
        Interleave(async () =>
        {
            var current = await StoredAsync(owner, user);
            var changed = current with { Status = status, PasswordHash = keepsHash ? current.PasswordHash : null };
            Assert.True((await Accounts.UpdateAsync(current, changed, CancellationToken.None)).Done);
        });

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, PortalClient.Password));

        Assert.Equal(1, race.Fired);
        var stored = await StoredAsync(owner, user);
        Assert.Equal((status, keepsHash, 1), (stored.Status, stored.PasswordHash is not null, stored.FailedLogins));
    }

    [Fact]
    public async Task Rule6_ARightPassword_WhoseWriteMeetsAPasswordChange_IsRefused_AndTheNewPasswordStands()
    {
        var (owner, user) = await NewUserAsync(failures: 1);
        var stamp = (await StoredAsync(owner, user)).SecurityStamp;
        Interleave(() => ChangePasswordAsync(user));

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, PortalClient.Password));

        Assert.Equal(1, race.Fired);
        Assert.NotEqual(stamp, (await StoredAsync(owner, user)).SecurityStamp);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, PortalClient.Password));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(user.Login, NewPassword));
    }

    [Fact]
    public async Task Rule6_ARightPassword_WhoseWriteMeetsAnotherFailure_LandsOnTopOfIt_AndClearsTheCounter()
    {
        var (owner, user) = await NewUserAsync(failures: 1);
        Interleave(() => FailAsync(user, 1));

        Assert.Equal(HttpStatusCode.OK, await SignInAsync(user.Login, PortalClient.Password));

        Assert.Equal(1, race.Fired);
        var stored = await StoredAsync(owner, user);
        Assert.Equal((0, (DateTimeOffset?)null), (stored.FailedLogins, stored.LockedUntil));
    }

    [Theory]
    [InlineData(4096, 5, true)]
    [InlineData(PasswordHasher.MemoryKiB, 3, true)]
    [InlineData(PasswordHasher.MemoryKiB, PasswordHasher.Iterations, false)]
    public async Task Rule5_ASignIn_ReplacesTheStoredHash_OnlyWhenItsParametersAreOld(int memoryKiB, int iterations, bool replaced)
    {
        // a failure counted first: the success then writes the row in any case, so a hash that is current could be touched too
        var (owner, user) = await NewUserAsync(failures: 1);
        var old = PasswordHasher.HashWith(PortalClient.Password, memoryKiB, iterations);
        var stored = await StoredAsync(owner, user);
        Assert.True((await Accounts.UpdateAsync(stored, stored with { PasswordHash = old }, CancellationToken.None)).Done);

        Assert.Equal(HttpStatusCode.OK, await SignInAsync(user.Login, PortalClient.Password));

        var hash = (await StoredAsync(owner, user)).PasswordHash!;
        if (replaced)
        {
            Assert.StartsWith($"$argon2id$v=19$m={PasswordHasher.MemoryKiB},t={PasswordHasher.Iterations},p=1$", hash, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(old, hash);
        }
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(user.Login, PortalClient.Password));
    }

    [Fact]
    public async Task Rule5_ARehashThatMeetsTheRehashOfAnotherSignIn_KeepsThatOne()
    {
        var (owner, user) = await NewUserAsync();
        await StoreOldHashAsync(owner, user);
        var theirs = PasswordHasher.HashWith(PortalClient.Password, PasswordHasher.MemoryKiB, PasswordHasher.Iterations);
        Interleave(async () =>
        {
            var current = await StoredAsync(owner, user);
            Assert.True((await Accounts.UpdateAsync(current, current with { PasswordHash = theirs }, CancellationToken.None)).Done);
        });

        Assert.Equal(HttpStatusCode.OK, await SignInAsync(user.Login, PortalClient.Password));

        Assert.Equal(1, race.Fired);
        Assert.Equal(theirs, (await StoredAsync(owner, user)).PasswordHash);
    }

    [Fact]
    public async Task Rule5_ARehashThatMeetsANewPassword_IsRefused_AndNeverOverwritesIt()
    {
        var (owner, user) = await NewUserAsync();
        await StoreOldHashAsync(owner, user);
        Interleave(() => ChangePasswordAsync(user));

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, PortalClient.Password));

        Assert.Equal(1, race.Fired);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, PortalClient.Password));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(user.Login, NewPassword));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rule6_AStaleLoginIndexRow_DoesNotSignInTheAccountThatLeftTheLogin(bool ownerRemembered)
    {
        // the account moved to another login, and a crash left the index row of the old one behind
        var (owner, user) = await NewUserAsync();
        var moved = PortalClient.NewEmail("moved");
        await Standalone.Storage.Table(StorageNames.LoginsTable).AddEntityAsync(new TableEntity(TableKeys.Escape(moved), "login")
        {
            ["CustomerNumber"] = owner.Login, ["Kind"] = nameof(PrincipalKind.User), ["PrincipalId"] = user.Id,
        });
        var stored = await StoredAsync(owner, user);
        Assert.True((await Accounts.UpdateAsync(stored, stored with { Login = moved, Email = moved }, CancellationToken.None)).Done);
        if (!ownerRemembered)
        {
            Standalone.Services.GetRequiredService<LoginOwners>().Forget(user.Login);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, PortalClient.Password));

        // a hint that no longer holds is forgotten: the next try asks the index first, not the account
        var again = await StorageOfAsync(async () => Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, PortalClient.Password)));
        Assert.Contains(StorageNames.LoginsTable + "(", again[0], StringComparison.Ordinal);
        // the account signs in with its login, and the owner found for it is remembered: no index read the next time
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(moved, PortalClient.Password));
        var next = await StorageOfAsync(async () => Assert.Equal(HttpStatusCode.OK, await SignInAsync(moved, PortalClient.Password)));
        Assert.DoesNotContain(next, r => r.Contains(StorageNames.LoginsTable + "(", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rule6_WhenEveryWriteOfTheAccountConflicts_ASignInEndsIn401_AfterBoundedTries(bool rightPassword)
    {
        var (owner, user) = await NewUserAsync(failures: 1);
        Interleave(async () =>
        {
            var current = await StoredAsync(owner, user);
            Assert.True((await Accounts.UpdateAsync(current, current, CancellationToken.None)).Done); // a new ETag, nothing else
        }, int.MaxValue);

        var answer = SignInAsync(user.Login, rightPassword ? PortalClient.Password : Wrong);
        var bound = TimeSpan.FromSeconds(60);
        if (await Task.WhenAny(answer, Task.Delay(bound)) != answer)
        {
            race.Times = 0; // let the sign-in end, so that the host can stop
            Assert.Fail($"No answer within {bound} after {race.Fired} conflicts: the retries are not bounded.");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await answer);
        Assert.InRange(race.Fired, 2, 64); // PasswordSignIn.MaxWriteTries
        var stored = await StoredAsync(owner, user);
        Assert.Equal((1, (DateTimeOffset?)null), (stored.FailedLogins, stored.LockedUntil));
    }

    /// <summary>A user of a new owner, signed in, with <paramref name="failures"/> wrong passwords counted since.</summary>
    private async Task<(Session Owner, Session User)> NewUserAsync(int failures = 0)
    {
        var owner = await Client.NewOwnerAsync();
        var user = await Client.NewUserAsync(owner, "shop");
        await FailAsync(user, failures);
        return (owner, user);
    }

    /// <summary>Runs <paramref name="before"/> ahead of the app's next <paramref name="times"/> conditional writes of an account.</summary>
    private void Interleave(Func<Task> before, int times = 1)
    {
        race.Before = before;
        race.Times = times;
    }

    private async Task<HttpStatusCode> SignInAsync(string login, string password)
    {
        using var response = await Client.TryLoginAsync(login, password);
        return response.StatusCode;
    }

    private async Task FailAsync(Session user, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(user.Login, $"{Wrong} {i}"));
        }
    }

    private async Task ChangePasswordAsync(Session user) =>
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(HttpMethod.Put, "/api/me/password",
            new { currentPassword = PortalClient.Password, newPassword = NewPassword }, user.AccessToken)).StatusCode);

    private async Task StoreOldHashAsync(Session owner, Session user)
    {
        var stored = await StoredAsync(owner, user);
        var old = PasswordHasher.HashWith(PortalClient.Password, 4096, 3);
        Assert.True((await Accounts.UpdateAsync(stored, stored with { PasswordHash = old }, CancellationToken.None)).Done);
    }

    private async Task<Account> StoredAsync(Session owner, Session user) =>
        await Accounts.GetAsync(owner.Login, PrincipalKind.User, user.Id, CancellationToken.None) ?? throw new InvalidOperationException("The user's row is gone.");

    private async Task AssertGoneAsync(Session owner, Session user)
    {
        Assert.Null(await Accounts.GetAsync(owner.Login, PrincipalKind.User, user.Id, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Get, $"/api/users/{user.Id}", token: owner.AccessToken)).StatusCode);
    }

    /// <summary>The trail's <c>login.locked</c> entries about <paramref name="user"/>, newest first.</summary>
    private async Task<List<JsonElement>> LockEntriesAsync(Session owner, Session user) =>
        [.. (await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/audit?pageSize=200", token: owner.AccessToken)))
            .GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "login.locked" && e.GetProperty("target").GetProperty("id").GetString() == user.Id)];

    private static void AssertLockEntry(JsonElement entry, DateTimeOffset until, int failedBefore, int failedAfter)
    {
        var changes = entry.GetProperty("changes");
        Assert.True(!changes.GetProperty("lockedUntil").TryGetProperty("before", out var before) || before.ValueKind == JsonValueKind.Null);
        Assert.Equal(until, changes.GetProperty("lockedUntil").GetProperty("after").GetDateTimeOffset());
        Assert.Equal(failedBefore, changes.GetProperty("failedLogins").GetProperty("before").GetInt32());
        Assert.Equal(failedAfter, changes.GetProperty("failedLogins").GetProperty("after").GetInt32());
    }

    /// <summary>The app's requests to the accounts and logins tables while <paramref name="call"/> ran.</summary>
    private async Task<List<string>> StorageOfAsync(Func<Task> call)
    {
        storage.Reset();
        await call();
        return [.. storage.Requests.Where(r => r.Contains(StorageNames.AccountsTable + "(", StringComparison.Ordinal)
            || r.Contains(StorageNames.LoginsTable + "(", StringComparison.Ordinal))];
    }
}
