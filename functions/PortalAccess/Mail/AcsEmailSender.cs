using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PortalAccess.Mail;

/// <summary>
/// Sends through Azure Communication Services Email over its REST API (<c>POST {endpoint}/emails:send</c>), with a
/// bearer token of the app's managed identity. The <c>Azure.Communication.Email</c> package is not served by the build
/// machines' NuGet mirror, so this is the few lines of it that PortalAccess needs, on Azure.Core's pipeline.
/// A 202 means ACS has accepted the mail; waiting for delivery would hold the queue message for minutes.
/// </summary>
public sealed partial class AcsEmailSender(
    HttpPipeline pipeline, IOptions<PortalAccessOptions> options, ILogger<AcsEmailSender> log) : IMailSender
{
    public const string ApiVersion = "2025-09-01";

    /// <summary>The scope every ACS SDK asks for (the double slash is theirs).</summary>
    public const string Scope = "https://communication.azure.com//.default";

    public async Task SendAsync(OutgoingMail mail, string idempotencyKey, CancellationToken ct)
    {
        var settings = options.Value.Mail;
        var endpoint = settings.Acs.Endpoint
            ?? throw new InvalidOperationException(
                $"Set {PortalAccessOptions.Section}:Mail:Acs:Endpoint when the mail provider is {MailProviders.Acs}.");
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(endpoint);
        request.Uri.AppendPath("/emails:send", escape: false);
        request.Uri.AppendQuery("api-version", ApiVersion);
        // the same queue message always names the same operation, so ACS can tell a redelivery from a new mail
        request.Headers.Add("Operation-Id", OperationIdFor(idempotencyKey).ToString());
        request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
        request.Content = RequestContent.Create(
            JsonSerializer.SerializeToUtf8Bytes(Body(mail, settings.From), AcsJson.Default.SendEmailRequest));

        await pipeline.SendAsync(message, ct);
        var response = message.Response;
        if (response.Status == (int)HttpStatusCode.Accepted)
        {
            return;
        }
        var errorCode = response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : null;
        var retryAfter = RetryAfter(response);
        if (response.Status == (int)HttpStatusCode.TooManyRequests || response.Status >= 500)
        {
            LogTransient(log, idempotencyKey, response.Status, errorCode, retryAfter?.TotalSeconds);
            throw new MailDeliveryException($"ACS answered {response.Status} for mail {idempotencyKey}; the queue retries it.",
                transient: true, retryAfter);
        }
        LogRejected(log, idempotencyKey, response.Status, errorCode);
        throw new MailDeliveryException($"ACS rejected mail {idempotencyKey} with {response.Status} ({errorCode}).",
            transient: false, retryAfter: null);
    }

    /// <summary>The same key always gives the same id.</summary>
    public static Guid OperationIdFor(string idempotencyKey) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 16));

    /// <summary>
    /// The pipeline: ACS's bearer token, and no retries of its own, since the queue retries with its back-off.
    /// <paramref name="clientOptions"/> (any <see cref="ClientOptions"/>) can bring another transport, as the tests do.
    /// </summary>
    public static HttpPipeline CreatePipeline(TokenCredential credential, ClientOptions? clientOptions = null)
    {
        clientOptions ??= new AcsClientOptions();
        clientOptions.Retry.MaxRetries = 0;
        return HttpPipelineBuilder.Build(clientOptions, new BearerTokenAuthenticationPolicy(credential, Scope));
    }

    // optional fields are left out rather than sent as null or empty strings
    private static SendEmailRequest Body(OutgoingMail mail, string from) => new(
        from,
        new EmailContent(mail.Subject, NullIfEmpty(mail.Text), NullIfEmpty(mail.Html)),
        new EmailRecipients([new EmailAddress(mail.To, NullIfEmpty(mail.ToName))]));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static TimeSpan? RetryAfter(Response response) =>
        response.Headers.TryGetValue("Retry-After", out var value) && int.TryParse(value, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    [LoggerMessage(LogLevel.Warning,
        "ACS did not take mail {MailId} now ({Status} {ErrorCode}, retry after {RetryAfterSeconds} s); the queue retries it")]
    private static partial void LogTransient(ILogger logger, string mailId, int status, string? errorCode, double? retryAfterSeconds);

    [LoggerMessage(LogLevel.Error,
        "ACS rejected mail {MailId} ({Status} {ErrorCode}); it goes to the poison queue after the last delivery")]
    private static partial void LogRejected(ILogger logger, string mailId, int status, string? errorCode);

    private sealed class AcsClientOptions : ClientOptions;
}
