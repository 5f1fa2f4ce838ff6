// STAND-IN, not the real Azure.Communication.Email package, which is missing from the build mirror. The members
// are those of ../shared/WORKER-API.md plus the ones AcsMailSender uses that the package's public API file
// (sdk/communication/Azure.Communication.Email/api/*.cs in Azure/azure-sdk-for-net) confirms: EmailMessage with
// EmailRecipients, the single-list EmailRecipients ctor, and the read-only properties the tests inspect.
// Nothing here sends mail; tests mock EmailClient through its protected constructor and virtual SendAsync.
using Azure;
using Azure.Core;

namespace Azure.Communication.Email;

public class EmailClient
{
    protected EmailClient()
    {
    }

    public EmailClient(string connectionString) => ArgumentException.ThrowIfNullOrEmpty(connectionString);

    public EmailClient(Uri endpoint, TokenCredential credential, EmailClientOptions options = default!)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
    }

    public virtual Task<EmailSendOperation> SendAsync(WaitUntil wait, EmailMessage message, CancellationToken ct = default) =>
        throw new NotSupportedException("Stand-in: mock EmailClient.");

    public virtual Task<EmailSendOperation> SendAsync(WaitUntil wait, EmailMessage message, Guid operationId, CancellationToken ct = default) =>
        throw new NotSupportedException("Stand-in: mock EmailClient.");
}

public class EmailClientOptions : ClientOptions;

public class EmailMessage
{
    public EmailMessage(string senderAddress, string recipientAddress, EmailContent content)
        : this(senderAddress, new EmailRecipients([new EmailAddress(recipientAddress)]), content)
    {
    }

    public EmailMessage(string senderAddress, EmailRecipients recipients, EmailContent content)
    {
        SenderAddress = senderAddress;
        Recipients = recipients;
        Content = content;
    }

    public string SenderAddress { get; }

    public EmailRecipients Recipients { get; }

    public EmailContent Content { get; }
}

public class EmailContent(string subject)
{
    public string Subject { get; } = subject;

    public string PlainText { get; set; } = null!;

    public string Html { get; set; } = null!;
}

public class EmailRecipients
{
    public EmailRecipients(IEnumerable<EmailAddress> to)
        : this(to, null!, null!)
    {
    }

    public EmailRecipients(IEnumerable<EmailAddress> to = null!, IEnumerable<EmailAddress> cc = null!, IEnumerable<EmailAddress> bcc = null!)
    {
        To = to?.ToList() ?? [];
        CC = cc?.ToList() ?? [];
        BCC = bcc?.ToList() ?? [];
    }

    public IList<EmailAddress> To { get; }

    public IList<EmailAddress> CC { get; }

    public IList<EmailAddress> BCC { get; }
}

public readonly struct EmailAddress
{
    public EmailAddress(string address)
        : this(address, null!)
    {
    }

    public EmailAddress(string address, string displayName)
    {
        Address = address;
        DisplayName = displayName;
    }

    public string Address { get; }

    public string DisplayName { get; }
}

public class EmailSendOperation : Operation<EmailSendResult>
{
    protected EmailSendOperation()
    {
    }

    public override string Id => throw new NotSupportedException();

    public override EmailSendResult Value => throw new NotSupportedException();

    public override bool HasCompleted => throw new NotSupportedException();

    public override bool HasValue => throw new NotSupportedException();

    public override Response GetRawResponse() => throw new NotSupportedException();

    public override Response UpdateStatus(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public override ValueTask<Response> UpdateStatusAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

public class EmailSendResult
{
    internal EmailSendResult(EmailSendStatus status) => Status = status;

    public EmailSendStatus Status { get; }
}

public readonly struct EmailSendStatus(string value) : IEquatable<EmailSendStatus>
{
    private readonly string value = value;

    public static EmailSendStatus NotStarted { get; } = new("NotStarted");
    public static EmailSendStatus Running { get; } = new("Running");
    public static EmailSendStatus Succeeded { get; } = new("Succeeded");
    public static EmailSendStatus Failed { get; } = new("Failed");
    public static EmailSendStatus Canceled { get; } = new("Canceled");

    public bool Equals(EmailSendStatus other) => string.Equals(value, other.value, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is EmailSendStatus other && Equals(other);

    public override int GetHashCode() => value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(value);

    public override string ToString() => value;

    public static bool operator ==(EmailSendStatus left, EmailSendStatus right) => left.Equals(right);

    public static bool operator !=(EmailSendStatus left, EmailSendStatus right) => !left.Equals(right);

    public static implicit operator EmailSendStatus(string value) => new(value);
}
