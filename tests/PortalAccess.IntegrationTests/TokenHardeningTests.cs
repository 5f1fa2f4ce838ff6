using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PortalAccess.Auth;
using PortalAccess.IntegrationTests.Infrastructure;
using PortalAccess.IntegrationTests.Support;

namespace PortalAccess.IntegrationTests;

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
        var jwt = new JsonWebToken(owner.AccessToken);
        var realKey = await Standalone.Services.GetRequiredService<SigningKeyRing>().CurrentAsync(default);
        using var foreign = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        string Sign(SecurityKey key, string? issuer = null, string? audience = null, string algorithm = SecurityAlgorithms.EcdsaSha256) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? jwt.Issuer,
            Audience = audience ?? jwt.Audiences.First(),
            IssuedAt = clock.GetUtcNow().UtcDateTime,
            NotBefore = clock.GetUtcNow().UtcDateTime,
            Expires = clock.GetUtcNow().UtcDateTime.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = owner.Id, ["cid"] = jwt.GetClaim("cid").Value, ["kind"] = "owner" },
            SigningCredentials = new SigningCredentials(key, algorithm),
        });

        // the control: the same construction with the real key and real claims is accepted
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Get, "/api/me", token: Sign(realKey))).StatusCode);
        foreach (var token in new[]
                 {
                     Sign(realKey, audience: "another-service"),
                     Sign(realKey, issuer: "https://evil.example"),
                     Sign(new ECDsaSecurityKey(foreign) { KeyId = "es256-1" }),
                     Sign(new ECDsaSecurityKey(foreign) { KeyId = realKey.KeyId }),
                     // algorithm confusion: HS256 under the ES256 key's id
                     Sign(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = realKey.KeyId }, algorithm: SecurityAlgorithms.HmacSha256),
                 })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Get, "/api/me", token: token)).StatusCode);
        }
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

    private static DateTimeOffset JustBeforeRotation()
    {
        var next = (SigningKeyRing.PeriodOf(DateTimeOffset.UtcNow) + 1) * (long)SigningKeyRing.RotationPeriod.TotalSeconds;
        return DateTimeOffset.FromUnixTimeSeconds(next) - TimeSpan.FromMinutes(5);
    }
}
