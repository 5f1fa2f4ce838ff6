using Microsoft.AspNetCore.Http;
using PortalAccess.Http;

namespace PortalAccess.Auth.Passwords;

/// <summary>How a handler that hashes a password answers when hashing is saturated (<see cref="HashGate"/>).</summary>
public static class HashingAnswers
{
    /// <summary><paramref name="handle"/>'s answer, or 503 with <c>Retry-After</c> when the hash gate refused to queue it.</summary>
    public static async Task<IResult> UnlessBusyAsync(Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (HashingBusyException busy)
        {
            return Problems.Busy(busy.RetryAfter);
        }
    }
}
