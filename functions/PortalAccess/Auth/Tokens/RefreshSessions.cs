using Microsoft.Extensions.Options;
using PortalAccess.Audit;
using PortalAccess.Auth.SignIn;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.Auth.Tokens;

/// <summary>
/// Rotating opaque refresh tokens: <c>{customer}.{session}.{secret}</c>, stored only as a SHA-256. Each
/// refresh spends the presented token; presenting a spent one ends the session (it was stolen or replayed).
/// A session also ends when the principal's security stamp changes.
/// </summary>
public sealed class RefreshSessions(
    SessionStore sessions, AccountStore accounts, AuditLog audit, IOptions<PortalAccessOptions> options, TimeProvider time)
{
    public async Task<string> StartAsync(Account account, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N");
        var token = Compose(account.CustomerNumber, id);
        await sessions.AddAsync(new RefreshSession(account.CustomerNumber, id, account.Kind, account.Id, Secrets.Sha256Hex(token),
            account.SecurityStamp, time.GetUtcNow() + options.Value.Tokens.RefreshTokenLifetime), ct);
        return token;
    }

    /// <summary>Spends <paramref name="token"/> and returns the principal with a new token, or null when it is not usable.</summary>
    public async Task<(Account Account, string Token)?> RotateAsync(string token, string? ip, CancellationToken ct)
    {
        if (Parse(token) is not var (customer, id))
        {
            return null;
        }
        var session = await sessions.GetAsync(customer, id, ct);
        if (session is null)
        {
            return null;
        }
        if (!Secrets.HashEquals(session.TokenHash, Secrets.Sha256Hex(token)))
        {
            // only a holder of an earlier token of this session knows its id: a spent token came back
            await sessions.DeleteAsync(customer, id, ct);
            if (await accounts.GetAsync(customer, session.Kind, session.PrincipalId, ct) is { } owner)
            {
                await audit.WriteAsync(customer, AuditParty.System, "session.revoked", AuditParty.Of(owner),
                    AuditLog.Diff(("reason", null, "spent refresh token presented again")), ip, ct);
            }
            return null;
        }
        var account = await accounts.GetAsync(customer, session.Kind, session.PrincipalId, ct);
        if (session.ExpiresAt <= time.GetUtcNow() || account is not { Status: AccountStatus.Active }
            || account.SecurityStamp != session.SecurityStamp)
        {
            await sessions.DeleteAsync(customer, id, ct);
            return null;
        }
        var next = Compose(customer, id);
        return await sessions.TryReplaceAsync(session with { TokenHash = Secrets.Sha256Hex(next) }, ct) ? (account, next) : null;
    }

    public async Task EndAsync(string token, CancellationToken ct)
    {
        if (Parse(token) is var (customer, id) && await sessions.GetAsync(customer, id, ct) is { } session
            && Secrets.HashEquals(session.TokenHash, Secrets.Sha256Hex(token)))
        {
            await sessions.DeleteAsync(customer, id, ct);
        }
    }

    /// <summary>Keeps one session alive through a security-stamp change (the caller's own, on a password change).</summary>
    public async Task AdoptStampAsync(string customerNumber, string sessionId, string securityStamp, CancellationToken ct)
    {
        if (await sessions.GetAsync(customerNumber, sessionId, ct) is { } session)
        {
            await sessions.TryReplaceAsync(session with { SecurityStamp = securityStamp }, ct);
        }
    }

    public static string? SessionIdOf(string token) => Parse(token)?.Id;

    private static string Compose(string customer, string sessionId) => $"{customer}.{sessionId}.{Secrets.NewToken()}";

    private static (string Customer, string Id)? Parse(string? token)
    {
        var parts = token?.Split('.');
        return parts is [var customer, var id, { Length: Secrets.TokenLength }]
            && LoginName.IsCustomerNumber(customer) && AccountStore.IsWellFormedId(id)
            ? (customer, id)
            : null;
    }
}
