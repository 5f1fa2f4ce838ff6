using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PortalAccess.Auth;
using PortalAccess.Auth.Tokens;

namespace PortalAccess.IntegrationTests.Auth;

/// <summary>Access tokens are accepted only when well-signed by a current key, for this audience and issuer, and unexpired.</summary>
public class TokenHardeningTests : ApiTest
{
    private readonly FakeTimeProvider clock;

    public TokenHardeningTests(TestServices services) : this(services, new FakeTimeProvider(JustBeforeRotation()))
    {
    }

    private TokenHardeningTests(TestServices services, FakeTimeProvider clock) : base(services, clock: clock) => this.clock = clock;

    [Fact]
    public async Task Rule1_TokensSignedWithTheRealKey_ButForAnotherAudienceOrIssuer_OrUnderAnUnknownKid_AreRejected()
    {
        var owner = await Client.NewOwnerAsync();
        var realKey = await RealKeyAsync();
        using var foreign = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        // the control: the same construction with the real key and real claims is accepted
        Assert.Equal(HttpStatusCode.OK, await MeAsync(Mint(owner, realKey)));
        foreach (var token in new[]
                 {
                     Mint(owner, realKey, t => t.Audience = "another-service"),
                     Mint(owner, realKey, t => t.Issuer = "https://evil.example"),
                     Mint(owner, new ECDsaSecurityKey(foreign) { KeyId = "es256-1" }),
                     Mint(owner, new ECDsaSecurityKey(foreign) { KeyId = realKey.KeyId }),
                     // algorithm confusion: HS256 under the ES256 key's id
                     Mint(owner, new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = realKey.KeyId }, algorithm: SecurityAlgorithms.HmacSha256),
                 })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
        }
    }

    /// <summary>Well signed by the real key, for this service, but without a claim that says whom it names: refused.</summary>
    [Theory]
    [InlineData("kind")]
    [InlineData("sub")]
    [InlineData("cid")]
    public async Task Rule1_ARealKeysTokenWithoutAClaimNamingThePrincipal_IsRejected(string missing)
    {
        var owner = await Client.NewOwnerAsync();
        var realKey = await RealKeyAsync();
        Assert.Equal(HttpStatusCode.OK, await MeAsync(Mint(owner, realKey)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Mint(owner, realKey, t => t.Claims.Remove(missing))));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Mint(owner, realKey, t => t.Claims[missing] = missing == "kind" ? "admin" : "nobody")));
    }

    /// <summary>The 30 seconds of clock skew, to the tick: a token is good until 30 s past its expiry, not a tick longer.</summary>
    [Fact]
    public async Task Rule1_AnAccessToken_IsAccepted30SecondsPastItsExpiry_AndNotATickLonger()
    {
        var owner = await Client.NewOwnerAsync();
        var lastGood = new DateTimeOffset(new JsonWebToken(owner.AccessToken).ValidTo, TimeSpan.Zero) + TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1);
        clock.Advance(lastGood - clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, await MeAsync(owner.AccessToken));
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(owner.AccessToken));
    }

    /// <summary>A token whose not-before time is more than the 30 seconds of skew ahead is not good yet.</summary>
    [Fact]
    public async Task Rule1_ATokenNotValidYet_IsRejected_BeyondTheClockSkew()
    {
        var owner = await Client.NewOwnerAsync();
        var realKey = await RealKeyAsync();
        var now = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - now.Ticks % TimeSpan.TicksPerSecond)); // JWT times are whole seconds
        var whole = clock.GetUtcNow().UtcDateTime;

        Assert.Equal(HttpStatusCode.OK, await MeAsync(Mint(owner, realKey, t => t.NotBefore = whole.AddSeconds(30))));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Mint(owner, realKey, t => t.NotBefore = whole.AddSeconds(31))));
    }

    [Fact]
    public async Task Rule1_ExpiredAccessToken_IsRejected()
    {
        var owner = await Client.NewOwnerAsync();
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Get, "/api/me", token: owner.AccessToken)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Get, "/api/me", token: owner.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task SigningKeys_Rotate_AndThePreviousKeyStaysPublishedForTokensItSigned()
    {
        var owner = await Client.NewOwnerAsync();
        var oldKid = new JsonWebToken(owner.AccessToken).Kid;

        clock.Advance(TimeSpan.FromMinutes(6)); // into the next rotation period; the token is 6 minutes old
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Get, "/api/me", token: owner.AccessToken)).StatusCode);
        var fresh = await Client.LoginAsync(owner.Login, owner.Password);
        var newKid = new JsonWebToken(fresh.AccessToken).Kid;
        Assert.NotEqual(oldKid, newKid);
        var published = new JsonWebKeySet(await Client.Http.GetStringAsync("/api/.well-known/jwks.json")).Keys.Select(k => k.Kid).ToList();
        Assert.Equal([newKid, oldKid], published);

        clock.Advance(SigningKeyRing.RotationPeriod);
        var later = new JsonWebKeySet(await Client.Http.GetStringAsync("/api/.well-known/jwks.json")).Keys.Select(k => k.Kid).ToList();
        Assert.DoesNotContain(oldKid, later);
        Assert.Contains(newKid, later);
    }

    private async Task<SecurityKey> RealKeyAsync() => await Standalone.Services.GetRequiredService<SigningKeyRing>().CurrentAsync(default);

    private async Task<HttpStatusCode> MeAsync(string token) => (await Client.SendAsync(HttpMethod.Get, "/api/me", token: token)).StatusCode;

    /// <summary>A token like the service's own for <paramref name="owner"/>, signed with <paramref name="key"/>, after <paramref name="change"/>.</summary>
    private string Mint(Session owner, SecurityKey key, Action<SecurityTokenDescriptor>? change = null, string algorithm = SecurityAlgorithms.EcdsaSha256)
    {
        var jwt = new JsonWebToken(owner.AccessToken);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audiences.First(),
            IssuedAt = clock.GetUtcNow().UtcDateTime,
            NotBefore = clock.GetUtcNow().UtcDateTime,
            Expires = clock.GetUtcNow().UtcDateTime.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = jwt.Subject, ["cid"] = jwt.GetClaim("cid").Value, ["kind"] = "owner" },
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static DateTimeOffset JustBeforeRotation()
    {
        var next = (SigningKeyRing.PeriodOf(DateTimeOffset.UtcNow) + 1) * (long)SigningKeyRing.RotationPeriod.TotalSeconds;
        return DateTimeOffset.FromUnixTimeSeconds(next) - TimeSpan.FromMinutes(5);
    }
}
