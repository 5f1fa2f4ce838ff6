using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PortalAccess.Catalogs;
using PortalAccess.Principals;

namespace PortalAccess.Auth.Tokens;

/// <summary>Short-lived ES256 JWT access tokens.</summary>
public sealed class AccessTokens(SigningKeyRing keys, IOptions<PortalAccessOptions> options, TimeProvider time)
{
    private static readonly string[] PasswordOnly = ["pwd"];

    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private TokenOptions Settings => options.Value.Tokens;

    /// <param name="sessionId">The refresh session the token belongs to, so that "end my other sessions" can spare it.</param>
    public async Task<(string Token, int ExpiresIn)> IssueAsync(Account account, string sessionId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var lifetime = Settings.AccessTokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = account.Id,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            ["cid"] = account.CustomerNumber,
            ["sid"] = sessionId,
            ["kind"] = PrincipalKinds.ToWire(account.Kind),
            [PrincipalKinds.IsDesk(account.Kind) ? "features" : "areas"] = EffectiveGrants(account).Order(StringComparer.Ordinal).ToArray(),
            // RFC 8176: a password is the only way in so far
            ["amr"] = PasswordOnly,
        };
        // API.md: a desk's token names its extension (PBX desk) or number (SIP desk)
        if (account.Extension is { } extension)
        {
            claims["ext"] = extension;
        }
        if (account.Number is { } number)
        {
            claims["num"] = number;
        }
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Settings.Issuer,
            Audience = Settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(await keys.CurrentAsync(ct), SecurityAlgorithms.EcdsaSha256),
        });
        return (token, (int)lifetime.TotalSeconds);
    }

    /// <summary>The subject of a token that is well-signed, unexpired and meant for this service; otherwise null.</summary>
    public async Task<TokenSubject?> ValidateAsync(string token, CancellationToken ct)
    {
        var signingKeys = await keys.KeysAsync(ct);
        var result = await handler.ValidateTokenAsync(token, Parameters(signingKeys));
        // signed by another instance under a key this one has not loaded yet (a fresh rotation): look once more
        if (!result.IsValid && KeyIdOf(token) is { } kid && signingKeys.All(k => k.KeyId != kid)
            && await keys.LookAgainForAsync(kid, ct) is { } newer)
        {
            result = await handler.ValidateTokenAsync(token, Parameters(newer));
        }
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || !IsCurrent(jwt))
        {
            return null;
        }
        var identity = result.ClaimsIdentity;
        var kind = PrincipalKinds.FromWire(identity.FindFirst("kind")?.Value);
        var sub = identity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        var cid = identity.FindFirst("cid")?.Value;
        return kind is null || sub is null || cid is null ? null : new TokenSubject(cid, kind.Value, sub, identity.FindFirst("sid")?.Value);
    }

    private TokenValidationParameters Parameters(IReadOnlyList<SecurityKey> signingKeys) => new()
    {
        ValidIssuer = Settings.Issuer,
        ValidAudience = Settings.Audience,
        IssuerSigningKeys = signingKeys,
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        // lifetime is checked below against the injected clock, so tests can move time
        ValidateLifetime = false,
    };

    private string? KeyIdOf(string token)
    {
        try
        {
            return handler.CanReadToken(token) && handler.ReadJsonWebToken(token) is { Kid: { Length: > 0 } kid } ? kid : null;
        }
        catch (Exception e) when (e is SecurityTokenMalformedException or ArgumentException)
        {
            // garbage was refused already; there is no key id to look for
            return null;
        }
    }

    private bool IsCurrent(JsonWebToken jwt)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out _)
            && jwt.ValidTo > now - ClockSkew && jwt.ValidFrom <= now + ClockSkew;
    }

    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>The owner holds every area; everyone else holds what is granted to them.</summary>
    public static IReadOnlySet<string> EffectiveGrants(Account account) =>
        account.Kind == PrincipalKind.Owner ? Catalog.AreaIds : account.Grants;
}
