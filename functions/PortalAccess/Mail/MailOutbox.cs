using System.Text.Json;
using PortalAccess.Http;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.Mail;

/// <summary>The <c>mail-outbox</c> queue: mail is sent from there, never inside an HTTP request.</summary>
public sealed class MailOutbox(StorageAccount storage, TimeProvider time)
{
    public async Task EnqueueAsync(MailRequest request, CancellationToken ct) =>
        await storage.Queue(StorageNames.MailOutboxQueue).SendMessageAsync(Serialize(request), cancellationToken: ct);

    /// <summary>Marks a new mail as the only one whose link may be used; any earlier link dies at once.</summary>
    public Account Renew(Account account, LinkPurpose purpose, TimeSpan lifetime) =>
        account with { Mail = new PendingMail(Guid.NewGuid().ToString("N"), purpose, time.GetUtcNow() + lifetime) };

    public static MailRequest RequestFor(Account account) =>
        new(account.Mail!.Id, account.Mail.Purpose, account.CustomerNumber, account.Kind, account.Id);

    private static readonly JsonSerializerOptions QueueJson =
        new(JsonBody.Options) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    public static string Serialize(MailRequest request) => JsonSerializer.Serialize(request, QueueJson);

    public static MailRequest? Deserialize(string body)
    {
        try
        {
            // a message missing a field is as malformed as one that is no JSON: the queue poisons it
            var request = JsonSerializer.Deserialize<MailRequest>(body, QueueJson);
            return request is { Id: not null, CustomerNumber: not null, PrincipalId: not null } ? request : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
