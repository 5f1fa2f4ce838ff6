namespace PortalAccess.Auth.Passwords;

/// <summary>Hash work refused because the hashes queued ahead would take too long; come back after <see cref="RetryAfter"/>.</summary>
public sealed class HashingBusyException(TimeSpan retryAfter)
    : Exception("Password hashing is saturated; the request was refused instead of queued.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
