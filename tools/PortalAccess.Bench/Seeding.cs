using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PortalAccess.Auth;
using PortalAccess.Customers;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.Bench;

/// <summary>
/// Puts the customers and users the benchmark needs in place: owners through the API (provisioning, the real activation
/// mail in MailDev, activation), users through the library's own stores, so their rows are the rows a created and activated
/// user has (principal row with grant rows in one transaction, login index row), without 10,000 HTTP creates and mails.
/// </summary>
internal sealed partial class Seeding(HttpClient api, HttpClient mailDev, string systemKey)
{
    public static readonly string[] UserAreas = ["invoices", "contacts"];

    /// <summary>Provisions the customer, activates its owner from the mail and returns the owner's access token.</summary>
    public async Task<string> NewOwnerAsync(string customerNumber, string email, string password, CancellationToken ct)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, $"customers/{customerNumber}")
        {
            Content = JsonContent.Create(new { name = "Bench GmbH " + customerNumber, email }),
        };
        put.Headers.Add("x-functions-key", systemKey);
        using (var provisioned = await api.SendAsync(put, ct))
        {
            await EnsureAsync(provisioned, "PUT customers", ct);
        }
        var token = await LinkTokenAsync(email, ct);
        using (var activated = await api.PostAsJsonAsync("auth/activation", new { token, password }, ct))
        {
            await EnsureAsync(activated, "POST auth/activation", ct);
        }
        return await AccessTokenAsync(customerNumber, password, ct);
    }

    public async Task<string> AccessTokenAsync(string login, string password, CancellationToken ct)
    {
        using var response = await api.PostAsJsonAsync("auth/login", new { login, password }, ct);
        await EnsureAsync(response, "POST auth/login", ct);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString()!;
    }

    /// <summary>
    /// Active users with <see cref="UserAreas"/> and one precomputed hash of <paramref name="password"/> (a real PHC string of the
    /// library's hasher; hashing it 10,000 times would only make seeding slow). The login index row is claimed first, as
    /// <c>PrincipalDirectory</c> does. No audit rows and no mails: lists and logins read neither.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeedUsersAsync(AccountStore accounts, LoginIndex index, string customerNumber, int count,
        string passwordHash, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var ownerId = CustomerProvisioning.OwnerId(customerNumber);
        var logins = Enumerable.Range(1, count).Select(i => $"user{i}.{customerNumber}@bench.example").ToArray();
        await Parallel.ForEachAsync(logins, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (login, token) =>
        {
            var account = new Account
            {
                CustomerNumber = customerNumber, Id = Account.NewId(), Kind = PrincipalKind.User, Name = "Bench User " + login.Split('.')[0],
                Login = login, Email = login, Status = AccountStatus.Active, PasswordHash = passwordHash, SecurityStamp = Account.NewStamp(),
                CreatedAt = now, CreatedBy = ownerId, CreatedByName = "Bench GmbH " + customerNumber, ActivatedAt = now,
                Grants = UserAreas.ToHashSet(StringComparer.Ordinal),
            };
            if (!await index.TryClaimAsync(login, customerNumber, PrincipalKind.User, account.Id, token))
            {
                throw new InvalidOperationException($"The login {login} exists already.");
            }
            if (!(await accounts.CreateAsync(account, token)).Done)
            {
                throw new InvalidOperationException($"The user {account.Id} exists already.");
            }
        });
        return logins;
    }

    private async Task<string> LinkTokenAsync(string email, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var mails = await mailDev.GetFromJsonAsync<JsonElement>("api/email", ct);
            foreach (var mail in mails.EnumerateArray())
            {
                var to = mail.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("address").GetString());
                if (to.Contains(email, StringComparer.OrdinalIgnoreCase) && TokenPattern().Match(mail.GetProperty("text").GetString() ?? "") is { Success: true } m)
                {
                    return m.Groups[1].Value;
                }
            }
            await Task.Delay(200, ct);
        }
        throw new InvalidOperationException($"No activation mail to {email} arrived in MailDev within 20 s.");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    [GeneratedRegex(@"#token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();
}
