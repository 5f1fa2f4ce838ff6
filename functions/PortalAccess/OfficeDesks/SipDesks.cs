using PortalAccess.Auth.Passwords;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.OfficeDesks;

/// <summary>
/// The SIP desk of each SIP account the telephony system reports: login = the number (E.164), password = the SIP
/// password, of which only an Argon2id hash is kept. Ids derive from the SIP account, so repeated events meet one row.
/// </summary>
public sealed class SipDesks(AccountStore accounts, LoginIndex index, PasswordHasher hasher, TimeProvider time)
{
    public static string IdOf(string customerNumber, string sipAccountId) => Account.DerivedId("sip", customerNumber, sipAccountId);

    /// <summary>
    /// The desk before (null when new) and after; <see cref="Refusal.LoginTaken"/> when the number is the login of
    /// another principal.
    /// </summary>
    public async Task<Outcome<(Account? Before, Account After)>> UpsertAsync(
        string customerNumber, string sipAccountId, string number, string password, CancellationToken ct)
    {
        var id = IdOf(customerNumber, sipAccountId);
        var current = await accounts.GetAsync(customerNumber, PrincipalKind.SipDesk, id, ct);
        if (!await index.TryClaimAsync(number, customerNumber, PrincipalKind.SipDesk, id, ct))
        {
            return Refusal.LoginTaken;
        }
        // the telephony system is authenticated and would only retry a refused event: its hashes wait their turn
        if (current is null)
        {
            var hash = await hasher.HashAsync(password, HashQueueing.Wait, ct);
            var created = Written(await accounts.CreateAsync(new Account
            {
                CustomerNumber = customerNumber, Id = id, Kind = PrincipalKind.SipDesk, Name = number, Login = number, Number = number,
                Status = AccountStatus.Active, PasswordHash = hash, SecurityStamp = Account.NewStamp(),
                CreatedAt = time.GetUtcNow(), ActivatedAt = time.GetUtcNow(), CreatedBy = "telephony", CreatedByName = "Telephony system",
                Grants = DeskSources.SipFeatures, Source = DeskSources.SipAccount, SourceId = sipAccountId,
            }, ct));
            return (null, created);
        }
        var samePassword = await hasher.VerifyAsync(current.PasswordHash, password, HashQueueing.Wait, ct);
        var updated = current with
        {
            Name = number, Login = number, Number = number,
            PasswordHash = samePassword ? current.PasswordHash : await hasher.HashAsync(password, HashQueueing.Wait, ct),
            SecurityStamp = samePassword && current.Login == number ? current.SecurityStamp : Account.NewStamp(),
        };
        var saved = Written(await accounts.UpdateAsync(current, updated, ct));
        if (current.Login != number)
        {
            await index.ReleaseAsync(current.Login, customerNumber, id, ct);
        }
        return (current, saved);
    }

    public async Task<Account?> DeleteAsync(string customerNumber, string sipAccountId, CancellationToken ct)
    {
        var desk = await accounts.GetAsync(customerNumber, PrincipalKind.SipDesk, IdOf(customerNumber, sipAccountId), ct);
        if (desk is null)
        {
            return null;
        }
        Written(await accounts.DeleteAsync(desk, ct) is { } refused ? refused : desk);
        await index.ReleaseAsync(desk.Login, customerNumber, desk.Id, ct);
        return desk;
    }

    /// <summary>
    /// Events of one SIP account arrive one by one, so a row that changed under the write is unexpected: it fails the
    /// delivery (500), and the telephony system sends the event again.
    /// </summary>
    private static Account Written(Outcome<Account> outcome) =>
        outcome.Done ? outcome.Value : throw new InvalidOperationException("The SIP desk changed while the event was applied.");
}
