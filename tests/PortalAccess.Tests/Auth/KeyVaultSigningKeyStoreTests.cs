using System.Text;
using System.Text.Json;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Moq;
using PortalAccess.Auth;
using PortalAccess.Auth.Tokens;
using PortalAccess.Http;
using PortalAccess.Principals;

namespace PortalAccess.Tests.Auth;

/// <summary>
/// The signing key ring over Key Vault (<see cref="KeyVaultSigningKeyStore"/>), each "instance" a ring and store of its
/// own over one <see cref="FakeKeyVault"/>: what two Function App instances sharing a vault would do.
/// </summary>
public sealed class KeyVaultSigningKeyStoreTests
{
    private readonly FakeTimeProvider clock = new(JustBeforeRotation());
    private readonly FakeKeyVault vault;

    public KeyVaultSigningKeyStoreTests() => vault = new FakeKeyVault(clock);

    [Fact]
    public async Task FirstStart_CreatesAKey_AndASecondInstanceSignsWithItAndAcceptsTheFirstsTokens()
    {
        var (ringA, tokensA) = Instance();
        var (ringB, tokensB) = Instance();

        var keyA = await ringA.CurrentAsync(default);
        var keyB = await ringB.CurrentAsync(default);

        Assert.Equal(1, vault.Sets);
        Assert.Single(vault.Versions(KeyVaultSigningKeyStore.SecretName(CurrentPeriod())));
        Assert.Equal(keyA.KeyId, keyB.KeyId);
        var fromA = await IssueAsync(tokensA);
        var fromB = await IssueAsync(tokensB);
        Assert.Equal(keyA.KeyId, new JsonWebToken(fromB).Kid);
        Assert.NotNull(await tokensB.ValidateAsync(fromA, default));
        Assert.NotNull(await tokensA.ValidateAsync(fromB, default));
    }

    [Fact]
    public async Task Secret_HoldsThePkcs8PrivateKeyWithTheKeyIdTag()
    {
        var (ring, _) = Instance();
        var key = await ring.CurrentAsync(default);

        var version = Assert.Single(vault.Versions(KeyVaultSigningKeyStore.SecretName(CurrentPeriod())));
        Assert.Equal(key.KeyId, version.Tags[KeyVaultSigningKeyStore.KeyIdTag]);
        var value = (await vault.Client().GetSecretAsync(version.Name, version.Version, default(CancellationToken))).Value.Value;
        using var imported = System.Security.Cryptography.ECDsa.Create();
        imported.ImportPkcs8PrivateKey(Convert.FromBase64String(value), out _);
        Assert.Equal(key.ECDsa.ExportParameters(false).Q.X, imported.ExportParameters(false).Q.X);
    }

    [Fact]
    public async Task Rotation_KeepsThePreviousPublicKeyInJwks_UntilItsTokensHaveExpired()
    {
        var (ringA, tokensA) = Instance();
        var (ringB, tokensB) = Instance();
        var oldToken = await IssueAsync(tokensA);
        var oldKid = new JsonWebToken(oldToken).Kid;

        clock.Advance(TimeSpan.FromMinutes(6)); // into the next period; the token is 6 of its 10 minutes old
        var newKid = (await ringB.CurrentAsync(default)).KeyId;

        Assert.NotEqual(oldKid, newKid);
        Assert.Equal([newKid, oldKid], (await ringA.PublicKeysAsync(default)).Select(k => k.Kid));
        Assert.Equal([newKid, oldKid], (await ringB.PublicKeysAsync(default)).Select(k => k.Kid));
        Assert.NotNull(await tokensB.ValidateAsync(oldToken, default));
        Assert.Equal(newKid, new JsonWebToken(await IssueAsync(tokensA)).Kid);

        clock.Advance(SigningKeyRing.RotationPeriod);
        Assert.DoesNotContain(oldKid, (await ringA.PublicKeysAsync(default)).Select(k => k.Kid));
        Assert.Contains(newKid, (await ringA.PublicKeysAsync(default)).Select(k => k.Kid));
    }

    [Fact]
    public async Task ConcurrentRotation_ByTwoInstances_EndsWithOneSigningKey_AndBothKeysVerify()
    {
        var (ringA, tokensA) = Instance();
        var (ringB, tokensB) = Instance();
        // both instances find no key for the period and write one before either write lands: Key Vault keeps both versions
        var bothWriting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = 0;
        vault.BeforeSet = () =>
        {
            if (Interlocked.Increment(ref writers) == 2)
            {
                bothWriting.SetResult();
            }
            return bothWriting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        };

        await Task.WhenAll(ringA.CurrentAsync(default), ringB.CurrentAsync(default));
        var versions = vault.Versions(KeyVaultSigningKeyStore.SecretName(CurrentPeriod()));
        Assert.Equal(2, versions.Count);
        // whichever signs first meanwhile, the other instance takes its tokens (it looks again for the unknown key id)
        Assert.NotNull(await tokensB.ValidateAsync(await IssueAsync(tokensA), default));
        Assert.NotNull(await tokensA.ValidateAsync(await IssueAsync(tokensB), default));

        // a writer reads its period again after SettleTime, not a whole CacheLifetime later
        clock.Advance(SigningKeyRing.SettleTime);
        var keys = await Task.WhenAll(ringA.CurrentAsync(default), ringB.CurrentAsync(default));
        Assert.Equal(keys[0].KeyId, keys[1].KeyId);
        Assert.Equal(versions.OrderBy(v => v.CreatedOn).ThenBy(v => v.Version, StringComparer.Ordinal).First().Tags[KeyVaultSigningKeyStore.KeyIdTag], keys[0].KeyId);
        var published = (await ringA.PublicKeysAsync(default)).Select(k => k.Kid).ToList();
        Assert.Equal(published, (await ringB.PublicKeysAsync(default)).Select(k => k.Kid));
        Assert.Equal(versions.Select(v => v.Tags[KeyVaultSigningKeyStore.KeyIdTag]).Order(StringComparer.Ordinal), published.Order(StringComparer.Ordinal));
        Assert.NotNull(await tokensB.ValidateAsync(await IssueAsync(tokensA), default));
        Assert.NotNull(await tokensA.ValidateAsync(await IssueAsync(tokensB), default));
    }

    [Fact]
    public async Task LateRacer_ItsVersionVerifies_ButEveryInstanceKeepsSigningWithTheOldest()
    {
        var (ringA, tokensA) = Instance();
        var first = await ringA.CurrentAsync(default);
        // a racer that had found the secret empty writes after A has read it: a second, younger version
        clock.Advance(TimeSpan.FromSeconds(1));
        var late = NewStore();
        await late.AddAsync(CurrentPeriod(), NewPkcs8(), default);
        var lateKey = (await late.FindAsync(CurrentPeriod(), default))[1];
        var (ringB, tokensB) = Instance();

        clock.Advance(SigningKeyRing.CacheLifetime);

        Assert.Equal(first.KeyId, (await ringA.CurrentAsync(default)).KeyId);
        Assert.Equal(first.KeyId, (await ringB.CurrentAsync(default)).KeyId);
        Assert.Contains(lateKey.KeyId, (await ringA.PublicKeysAsync(default)).Select(k => k.Kid));
        Assert.NotNull(await tokensA.ValidateAsync(SignWith(lateKey), default));
        Assert.NotNull(await tokensB.ValidateAsync(await IssueAsync(tokensA), default));
    }

    [Fact]
    public async Task SameInstantRace_TheWriterThatReadOnlyItsOwnVersion_SignsWithTheAgreedOneAfterSettleTime()
    {
        // Key Vault stamps versions to the second: two writes in one second sort by their (random) version ids
        var versionIds = new Queue<string>(["ffffffffffffffffffffffffffffffff", "00000000000000000000000000000000"]);
        vault.NewVersion = versionIds.Dequeue;
        var (ringA, _) = Instance();
        var own = await ringA.CurrentAsync(default); // found none, wrote "ffff…", and read back only that
        // a racer that had also found none lands its write in the same instant; its "0000…" sorts first
        await NewStore().AddAsync(CurrentPeriod(), NewPkcs8(), default);
        var agreed = (await NewStore().FindAsync(CurrentPeriod(), default))[0];
        Assert.NotEqual(own.KeyId, agreed.KeyId);

        clock.Advance(SigningKeyRing.SettleTime);

        // not a whole CacheLifetime later: until then this instance signs with a key no other instance signs with
        Assert.Equal(agreed.KeyId, (await ringA.CurrentAsync(default)).KeyId);
    }

    /// <summary>
    /// Disabling every version of a period retires a leaked key at once: the first instance to need a key makes the
    /// replacement, and an instance that still has the old key cached takes tokens under the new one without waiting for
    /// its cache to expire; with and without the previous period's key still published beside it.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DisabledKey_TheReplacementAnotherInstanceSignsWith_IsTakenAtOnce_ByAnInstanceThatCachedTheOldOne(bool previousPeriodHasAKey)
    {
        var (ringA, tokensA) = Instance();
        if (previousPeriodHasAKey)
        {
            await ringA.CurrentAsync(default);
            clock.Advance(TimeSpan.FromMinutes(6)); // into the next period
        }
        var retired = await ringA.CurrentAsync(default);
        foreach (var version in vault.Versions(KeyVaultSigningKeyStore.SecretName(CurrentPeriod())))
        {
            version.Enabled = false;
        }
        var (_, tokensB) = Instance();

        var fromB = await IssueAsync(tokensB);

        Assert.NotEqual(retired.KeyId, new JsonWebToken(fromB).Kid);
        Assert.NotNull(await tokensA.ValidateAsync(fromB, default));
        Assert.Equal(new JsonWebToken(fromB).Kid, (await ringA.CurrentAsync(default)).KeyId);
        Assert.Equal(previousPeriodHasAKey ? 2 : 1, (await ringA.PublicKeysAsync(default)).Count);
    }

    [Fact]
    public async Task Cache_RequestsDoNotCallTheVault_ARefreshListsOncePerPeriodAndRereadsNoValue()
    {
        var (ring, tokens) = Instance();
        var token = await IssueAsync(tokens);
        var afterFirstLoad = vault.Calls;

        for (var i = 0; i < 200; i++)
        {
            await IssueAsync(tokens);
            Assert.NotNull(await tokens.ValidateAsync(token, default));
            await ring.PublicKeysAsync(default);
        }
        Assert.Equal(afterFirstLoad, vault.Calls);

        clock.Advance(SigningKeyRing.CacheLifetime);
        var (lists, gets) = (vault.Lists, vault.Gets);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => ring.KeysAsync(default)));
        // the current and the previous period: one list each, and no value fetched again
        Assert.Equal(lists + 2, vault.Lists);
        Assert.Equal(gets, vault.Gets);
    }

    [Fact]
    public async Task TokensUnderUnknownKeyIds_MakeTheRingLookAgainAtMostOncePerSettleTime()
    {
        var (_, tokens) = Instance();
        await IssueAsync(tokens);
        var forged = Enumerable.Range(0, 50).Select(i => SignWith(new StoredSigningKey($"es256-{CurrentPeriod()}-forged{i}", NewPkcs8()))).ToList();
        var before = vault.Lists;

        foreach (var token in forged)
        {
            Assert.Null(await tokens.ValidateAsync(token, default));
        }
        Assert.Equal(before + 2, vault.Lists);

        clock.Advance(SigningKeyRing.SettleTime);
        Assert.Null(await tokens.ValidateAsync(forged[0], default));
        Assert.Equal(before + 4, vault.Lists);
        Assert.Null(await tokens.ValidateAsync("not.a.token", default));
        Assert.Null(await tokens.ValidateAsync("eyJhbGciOiJFUzI1NiIsImtpZCI6IngifQ.e30.AAAA", default));
    }

    [Fact]
    public async Task Vault403AtStart_LogsWhatToFix_FailsRequestsLikeAStorageError_AndRecoversWithoutRestart()
    {
        vault.RefuseWith = 403;
        var storeLog = new ListLogger<KeyVaultSigningKeyStore>();
        var warmUpLog = new ListLogger<SigningKeyWarmUp>();
        var ring = new SigningKeyRing(new KeyVaultSigningKeyStore(vault.Client(), storeLog), clock);
        using var warmUp = new SigningKeyWarmUp(ring, warmUpLog);

        await warmUp.StartAsync(default);
        await warmUp.ExecuteTask!;

        var refused = Assert.Single(storeLog.Lines);
        Assert.Equal(LogLevel.Error, refused.Level);
        Assert.Contains(FakeKeyVault.VaultUri.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 403", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault Secrets Officer", refused.Message, StringComparison.Ordinal);
        Assert.Contains(warmUpLog.Lines, line => line.Level == LogLevel.Error && line.Message.Contains("could not be loaded at start", StringComparison.Ordinal));

        // a request that needs a key gets the answer a table the identity may not read gives: same exception, same problem
        var vaultError = await Assert.ThrowsAsync<RequestFailedException>(() => ring.CurrentAsync(default));
        var tableError = new RequestFailedException(403, "This request is not authorized to perform this operation.", "AuthorizationPermissionMismatch", null);
        var (vaultStatus, vaultBody) = await AnswerAsync(vaultError);
        var (tableStatus, tableBody) = await AnswerAsync(tableError);
        Assert.Equal(tableStatus, vaultStatus);
        Assert.Equal(tableBody.GetProperty("type").GetString(), vaultBody.GetProperty("type").GetString());
        Assert.True(vaultStatus >= 500, $"a refusing vault is the service's fault, not the caller's: {vaultStatus}");
        Assert.DoesNotContain("vault", vaultBody.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // requests right after a refusal fail at once, without a vault call (and a log line) each
        var calls = vault.Calls;
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(403, (await Assert.ThrowsAsync<RequestFailedException>(() => ring.CurrentAsync(default))).Status);
        }
        Assert.Equal(calls, vault.Calls);

        vault.RefuseWith = null; // the role assignment has propagated
        clock.Advance(SigningKeyRing.SettleTime);
        Assert.NotNull((await ring.CurrentAsync(default)).KeyId);
    }

    [Fact]
    public async Task Vault403_TheVeryFirstRequestThatNeedsAKey_GetsTheVaultsError()
    {
        vault.RefuseWith = 403;
        var (ring, tokens) = Instance();

        Assert.Equal(403, (await Assert.ThrowsAsync<RequestFailedException>(() => ring.CurrentAsync(default))).Status);
        Assert.Equal(403, (await Assert.ThrowsAsync<RequestFailedException>(() => tokens.ValidateAsync("any.token.at-all", default))).Status);
    }

    [Fact]
    public async Task AStoreThatKeepsNoKey_FailsTheRequestWithAClearError()
    {
        var store = new Mock<ISigningKeyStore>();
        store.Setup(s => s.FindAsync(It.IsAny<long>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var ring = new SigningKeyRing(store.Object, clock);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ring.CurrentAsync(default));

        Assert.Contains("could not be stored", error.Message, StringComparison.Ordinal);
        store.Verify(s => s.AddAsync(CurrentPeriod(), It.IsAny<byte[]>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task WarmUp_LogsAndKeepsTheHostUp_WhenAStoredKeyDoesNotParse()
    {
        await vault.Client().SetSecretAsync(new KeyVaultSecret(KeyVaultSigningKeyStore.SecretName(CurrentPeriod()), "not base64 pkcs8"));
        var log = new ListLogger<SigningKeyWarmUp>();
        var ring = new SigningKeyRing(NewStore(), clock);
        using var warmUp = new SigningKeyWarmUp(ring, log);

        await warmUp.StartAsync(default);
        await warmUp.ExecuteTask!;

        Assert.True(warmUp.ExecuteTask.IsCompletedSuccessfully);
        Assert.Contains(log.Lines, line => line.Level == LogLevel.Error);
    }

    [Fact]
    public async Task DisabledVersion_IsRetired_AndWithNoneLeftTheRingMakesANewKey()
    {
        var (ring, _) = Instance();
        var compromised = await ring.CurrentAsync(default);
        foreach (var version in vault.Versions(KeyVaultSigningKeyStore.SecretName(CurrentPeriod())))
        {
            version.Enabled = false;
        }

        clock.Advance(SigningKeyRing.CacheLifetime);
        var replacement = await ring.CurrentAsync(default);

        Assert.NotEqual(compromised.KeyId, replacement.KeyId);
        Assert.DoesNotContain(compromised.KeyId, (await ring.PublicKeysAsync(default)).Select(k => k.Kid));
    }

    [Theory]
    [InlineData(null, typeof(TableSigningKeyStore))]
    [InlineData("", typeof(TableSigningKeyStore))]
    [InlineData("https://kv-portal.vault.azure.net/", typeof(KeyVaultSigningKeyStore))]
    public void Configuration_KeyVaultUriChoosesTheStore(string? keyVaultUri, Type expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
                [SigningKeyStores.KeyVaultUriSetting] = keyVaultUri,
            })
            .Build();
        var services = new ServiceCollection().AddLogging().AddPortalAccess(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.IsType(expected, provider.GetRequiredService<ISigningKeyStore>());
        Assert.Equal(expected == typeof(KeyVaultSigningKeyStore), services.Any(s => s.ImplementationType == typeof(SigningKeyWarmUp)));
        Assert.Equal(keyVaultUri is { Length: > 0 } ? new Uri(keyVaultUri) : null, provider.GetRequiredService<IOptions<PortalAccessOptions>>().Value.Tokens.KeyVaultUri);
    }

    private KeyVaultSigningKeyStore NewStore() => new(vault.Client(), NullLogger<KeyVaultSigningKeyStore>.Instance);

    private (SigningKeyRing Ring, AccessTokens Tokens) Instance()
    {
        var ring = new SigningKeyRing(NewStore(), clock);
        return (ring, new AccessTokens(ring, Options.Create(new PortalAccessOptions()), clock));
    }

    private static async Task<string> IssueAsync(AccessTokens tokens) =>
        (await tokens.IssueAsync(new Account { CustomerNumber = "100001", Id = "owner", Kind = PrincipalKind.Owner, Name = "Owner", Login = "100001", SecurityStamp = "stamp", CreatedBy = "test" }, "session", default)).Token;

    private string SignWith(StoredSigningKey stored)
    {
        var ecdsa = System.Security.Cryptography.ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(stored.Pkcs8, out _);
        var options = new PortalAccessOptions().Tokens;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = clock.GetUtcNow().UtcDateTime,
            NotBefore = clock.GetUtcNow().UtcDateTime,
            Expires = clock.GetUtcNow().UtcDateTime.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "owner", ["cid"] = "100001", ["kind"] = "owner" },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = stored.KeyId }, SecurityAlgorithms.EcdsaSha256),
        });
    }

    private static byte[] NewPkcs8()
    {
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return ecdsa.ExportPkcs8PrivateKey();
    }

    private static async Task<(int Status, JsonElement Body)> AnswerAsync(Exception exception)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        context.Request.Method = "POST";
        context.Request.Path = "/api/auth/token";
        context.Response.Body = new MemoryStream();
        await new ProblemExceptionHandler(NullLogger<ProblemExceptionHandler>.Instance).TryHandleAsync(context, exception, default);
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, body.RootElement.Clone());
    }

    private long CurrentPeriod() => SigningKeyRing.PeriodOf(clock.GetUtcNow());

    private static DateTimeOffset JustBeforeRotation()
    {
        var next = (SigningKeyRing.PeriodOf(DateTimeOffset.UtcNow) + 1) * (long)SigningKeyRing.RotationPeriod.TotalSeconds;
        return DateTimeOffset.FromUnixTimeSeconds(next) - TimeSpan.FromMinutes(5);
    }
}
