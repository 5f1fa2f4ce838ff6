using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PortalAccess.Mail;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>
/// A fake ACS Email endpoint: a real Kestrel listener on loopback, over HTTPS with a certificate made for
/// the run (the bearer token policy refuses plain HTTP). It records every request and answers from a script, then
/// with <see cref="AcsAnswer.Accepted"/>. <see cref="Pipeline"/> is the sender's pipeline, trusting only that certificate.
/// </summary>
public sealed class FakeAcs : IAsyncDisposable
{
    public const string Token = "fake-acs-token-0123456789";

    private readonly WebApplication app;
    private readonly X509Certificate2 certificate;
    private readonly HttpClientHandler handler;
    private readonly ConcurrentQueue<AcsRequest> requests = new();
    private readonly ConcurrentQueue<AcsAnswer> script = new();
    private AcsAnswer otherwise = AcsAnswer.Accepted;

    private FakeAcs(WebApplication app, X509Certificate2 certificate, Uri endpoint)
    {
        this.app = app;
        this.certificate = certificate;
        Endpoint = endpoint;
        handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.RawData.AsSpan().SequenceEqual(certificate.RawData),
        };
        Credential = new FixedTokenCredential(Token);
        Pipeline = AcsEmailSender.CreatePipeline(Credential, new FakeAcsClientOptions { Transport = new HttpClientTransport(handler) });
    }

    public Uri Endpoint { get; }

    /// <summary>Hands out <see cref="Token"/> and remembers which scopes it was asked for.</summary>
    public FixedTokenCredential Credential { get; }

    /// <summary>The sender's pipeline to this fake, authenticated by <see cref="Credential"/>.</summary>
    public HttpPipeline Pipeline { get; }

    public IReadOnlyList<AcsRequest> Requests => [.. requests];

    public static async Task<FakeAcs> StartAsync()
    {
        var certificate = SelfSignedCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        FakeAcs? fake = null;
        app.Run(context => fake!.AnswerAsync(context));
        await app.StartAsync();
        fake = new FakeAcs(app, certificate, new Uri(app.Urls.Single()));
        return fake;
    }

    /// <summary>The next answers, in order; after them the fake answers <see cref="AnswerAlways"/>'s (202 by default).</summary>
    public void Script(params AcsAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            script.Enqueue(answer);
        }
    }

    public void AnswerAlways(AcsAnswer answer) => otherwise = answer;

    /// <summary>The requests whose first recipient is <paramref name="address"/>.</summary>
    public IReadOnlyList<AcsRequest> RequestsTo(string address) =>
        [.. Requests.Where(r => string.Equals(r.Recipient, address, StringComparison.OrdinalIgnoreCase))];

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var answer = script.TryDequeue(out var next) ? next : otherwise;
        requests.Enqueue(new AcsRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            answer.Status,
            DateTimeOffset.UtcNow));
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        }
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // a PFX round trip gives a key that SslStream can use on every platform
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        handler.Dispose();
        certificate.Dispose();
    }

    private sealed class FakeAcsClientOptions : ClientOptions;
}

/// <summary>One request the fake received, with the status it answered.</summary>
public sealed record AcsRequest(
    string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, int AnsweredStatus,
    DateTimeOffset ReceivedAt)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string? Recipient =>
        Json.TryGetProperty("recipients", out var recipients) && recipients.TryGetProperty("to", out var to) && to.GetArrayLength() > 0
            ? to[0].GetProperty("address").GetString()
            : null;
}

/// <summary>How the fake answers one request.</summary>
public sealed record AcsAnswer(int Status, IReadOnlyDictionary<string, string>? Headers = null, string? Body = null)
{
    public static AcsAnswer Accepted { get; } = new(
        StatusCodes.Status202Accepted, null, $$"""{"id":"{{Guid.NewGuid()}}","status":"Running"}""");

    public static AcsAnswer TooManyRequests(int retryAfterSeconds) => new(
        StatusCodes.Status429TooManyRequests,
        new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), ["x-ms-error-code"] = "TooManyRequests" },
        """{"error":{"code":"TooManyRequests","message":"Too many requests."}}""");

    public static AcsAnswer Unavailable { get; } = new(StatusCodes.Status503ServiceUnavailable);

    /// <summary>A 400 whose error message quotes <paramref name="echoed"/>, as ACS does with a rejected address.</summary>
    public static AcsAnswer BadRequest(string echoed) => new(
        StatusCodes.Status400BadRequest,
        new Dictionary<string, string> { ["x-ms-error-code"] = "InvalidRecipient" },
        JsonSerializer.Serialize(new { error = new { code = "InvalidRecipient", message = $"The recipient {echoed} is not valid." } }));
}

/// <summary>A credential with a fixed token that records the scopes asked for.</summary>
public sealed class FixedTokenCredential(string token) : TokenCredential
{
    private readonly ConcurrentQueue<string> scopes = new();

    public IReadOnlyCollection<string> Scopes => scopes;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes)
        {
            scopes.Enqueue(scope);
        }
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
