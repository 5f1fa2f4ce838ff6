namespace PortalAccess.Mail;

/// <summary>A mail the provider did not take. <paramref name="transient"/>: worth retrying (429, 5xx).</summary>
public sealed class MailDeliveryException(string message, bool transient, TimeSpan? retryAfter) : Exception(message)
{
    public bool Transient { get; } = transient;

    /// <summary>The provider's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
