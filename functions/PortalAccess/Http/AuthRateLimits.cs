using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PortalAccess.Auth.SignIn;

namespace PortalAccess.Http;

/// <summary>
/// The one rule for the rate-limited routes (<see cref="ApiRoute.RateLimited"/>), for both hosts: a sliding window per
/// client address (<see cref="ClientPartition"/>: ASP.NET Core's rate limiter on the Standalone host, the Functions app's
/// worker middleware), and per login for the routes whose body names one (<see cref="RefusedForLogin"/>, in the
/// handlers). The limits hold per instance, as every in-memory limiter does; the reset mails per login are limited
/// durably (<see cref="RateLimitOptions.ResetMailInterval"/>).
/// </summary>
public sealed class AuthRateLimits(IOptions<PortalAccessOptions> options) : IDisposable
{
    public const string Policy = "auth";

    private readonly PartitionedRateLimiter<string> logins = PartitionedRateLimiter.Create<string, string>(
        login => RateLimitPartition.GetSlidingWindowLimiter(
            login, _ => Window(options.Value.RateLimits.PerLogin, options.Value.RateLimits)));

    /// <summary>The client address's window; the address is the host's (<see cref="ClientIp"/>), never a header a client wrote.</summary>
    public static RateLimitPartition<string> ClientPartition(HttpContext context, RateLimitOptions limits) =>
        RateLimitPartition.GetSlidingWindowLimiter(ClientIp.Of(context.Request) ?? "", _ => Window(limits.PerClient, limits));

    /// <summary>
    /// Counts one more sign-in or reset request of <paramref name="typedLogin"/>, however it was spelled; the 429 to
    /// answer when its window is full, else null.
    /// </summary>
    public IResult? RefusedForLogin(string typedLogin)
    {
        using var lease = logins.AttemptAcquire(LoginName.Normalize(typedLogin) ?? typedLogin.Trim().ToUpperInvariant());
        return lease.IsAcquired ? null : Refused(lease, options.Value.RateLimits);
    }

    /// <summary>429 with <c>Retry-After</c>: when the window lets the next request in, as the limiter says.</summary>
    public static IResult Refused(RateLimitLease lease, RateLimitOptions limits) =>
        Problems.TooManyRequests(lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limits.Window);

    public void Dispose() => logins.Dispose();

    private static SlidingWindowRateLimiterOptions Window(int permits, RateLimitOptions limits) => new()
    {
        PermitLimit = permits,
        Window = limits.Window,
        SegmentsPerWindow = 6,
        QueueLimit = 0,
    };
}
