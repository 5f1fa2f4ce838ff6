using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;
using PortalAccess.Storage;

namespace PortalAccess.Auth.SignIn;

/// <summary>
/// Remembers which principal holds a login, so that a repeated sign-in reads the account row alone instead of the login
/// index first: one storage round trip less. Only a hint, checked against the account row on every use: the row is the
/// truth, since a login is released only after its account has let go of it, and claimed only when no account carries
/// it (<c>PrincipalDirectory</c>, <c>LoginIndex.TryClaimAsync</c>). A hint whose account no longer carries the login is
/// forgotten and the index read instead.
/// </summary>
public sealed class LoginOwners : IDisposable
{
    // 10 minutes serve a person's repeated sign-ins; 50,000 entries of about 200 bytes bound the memory near 10 MB
    private static readonly MemoryCacheEntryOptions Entry = new() { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) };

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public bool TryGet(string login, [NotNullWhen(true)] out LoginEntry? owner) => cache.TryGetValue(login, out owner);

    public void Remember(LoginEntry owner) => cache.Set(owner.Login, owner, Entry);

    public void Forget(string login) => cache.Remove(login);

    public void Dispose() => cache.Dispose();
}
