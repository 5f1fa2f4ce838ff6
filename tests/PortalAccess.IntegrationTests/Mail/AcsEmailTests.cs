using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalAccess.Mail;
using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Mail;

/// <summary>The ACS Email sender against a fake ACS endpoint over real HTTPS: the request it makes and how it reads the answers.</summary>
public sealed class AcsEmailSenderTests : IAsyncLifetime
{
    private static readonly OutgoingMail Mail = new("ana.example@example.test", "Ana Example", "Your access", "Open the link.", "<p>Open the link.</p>");

    private readonly LogSink logs = new();
    private readonly ILoggerFactory loggers;
    private FakeAcs acs = null!;

    public AcsEmailSenderTests() => loggers = LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));

    public async Task InitializeAsync() => acs = await FakeAcs.StartAsync();

    public async Task DisposeAsync()
    {
        await acs.DisposeAsync();
        loggers.Dispose();
        logs.Dispose();
    }

    private AcsEmailSender Sender() => new(
        acs.Pipeline,
        Options.Create(new PortalAccessOptions { Mail = { From = "DoNotReply@portal.test", Acs = { Endpoint = acs.Endpoint } } }),
        loggers.CreateLogger<AcsEmailSender>());

    [Fact]
    public async Task Send_PostsTheRestRequest_WithBearerToken_AndAnOperationIdPerMail()
    {
        var sender = Sender();

        await sender.SendAsync(Mail, "mail-1", default);
        await sender.SendAsync(Mail, "mail-1", default);
        await sender.SendAsync(Mail, "mail-2", default);

        var requests = acs.Requests;
        Assert.Equal(3, requests.Count);
        foreach (var request in requests)
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("/emails:send", request.Path);
            Assert.Equal("?api-version=2025-09-01", request.Query);
            Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
            Assert.Equal($"Bearer {FakeAcs.Token}", request.Header("Authorization"));
            Assert.True(Guid.TryParse(request.Header("Operation-Id"), out _), $"Operation-Id '{request.Header("Operation-Id")}' is not a GUID.");
            Assert.Equal(202, request.AnsweredStatus);
        }
        Assert.Equal(requests[0].Header("Operation-Id"), requests[1].Header("Operation-Id"));
        Assert.NotEqual(requests[0].Header("Operation-Id"), requests[2].Header("Operation-Id"));
        Assert.Equal(AcsEmailSender.OperationIdFor("mail-1").ToString(), requests[0].Header("Operation-Id"));
        Assert.NotEmpty(acs.Credential.Scopes);
        Assert.All(acs.Credential.Scopes, scope => Assert.Equal("https://communication.azure.com//.default", scope));

        var body = requests[0].Json;
        Assert.Equal("DoNotReply@portal.test", body.GetProperty("senderAddress").GetString());
        Assert.Equal(Mail.Subject, body.GetProperty("content").GetProperty("subject").GetString());
        Assert.Equal(Mail.Text, body.GetProperty("content").GetProperty("plainText").GetString());
        Assert.Equal(Mail.Html, body.GetProperty("content").GetProperty("html").GetString());
        var to = Assert.Single(body.GetProperty("recipients").GetProperty("to").EnumerateArray());
        Assert.Equal(Mail.To, to.GetProperty("address").GetString());
        Assert.Equal(Mail.ToName, to.GetProperty("displayName").GetString());
        AssertNoNulls(body, "$");
    }

    [Fact]
    public async Task Send_LeavesOutEmptyOptionalFields()
    {
        await Sender().SendAsync(Mail with { ToName = "", Html = "" }, "mail-3", default);

        var body = Assert.Single(acs.Requests).Json;
        Assert.False(body.GetProperty("content").TryGetProperty("html", out _));
        Assert.False(body.GetProperty("recipients").GetProperty("to")[0].TryGetProperty("displayName", out _));
        AssertNoNulls(body, "$");
    }

    [Fact]
    public async Task TooManyRequests_IsTransient_WithTheRetryAfter()
    {
        acs.Script(AcsAnswer.TooManyRequests(7));

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => Sender().SendAsync(Mail, "mail-4", default));

        Assert.True(failure.Transient);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.Single(acs.Requests);
    }

    [Fact]
    public async Task ServiceUnavailable_IsTransient_AndNotRetriedByThePipeline()
    {
        acs.Script(AcsAnswer.Unavailable);

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => Sender().SendAsync(Mail, "mail-5", default));

        Assert.True(failure.Transient);
        Assert.Null(failure.RetryAfter);
        // the queue owns the retries; a pipeline retry would hide them from its dequeue count
        Assert.Single(acs.Requests);
    }

    [Fact]
    public async Task BadRequest_IsNotTransient_AndTheLogNamesNeitherRecipientNorToken()
    {
        acs.Script(AcsAnswer.BadRequest(Mail.To));

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => Sender().SendAsync(Mail, "mail-6", default));

        Assert.False(failure.Transient);
        Assert.Null(failure.RetryAfter);
        var line = Assert.Single(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("mail-6", line, StringComparison.Ordinal);
        Assert.Contains("400", line, StringComparison.Ordinal);
        Assert.Contains("InvalidRecipient", line, StringComparison.Ordinal);
        foreach (var text in logs.Lines.Append(failure.ToString()))
        {
            Assert.DoesNotContain(Mail.To, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(FakeAcs.Token, text, StringComparison.Ordinal);
        }
    }

    private static void AssertNoNulls(JsonElement element, string path)
    {
        Assert.True(element.ValueKind != JsonValueKind.Null, $"{path} is null.");
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                AssertNoNulls(property.Value, $"{path}.{property.Name}");
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                AssertNoNulls(item, $"{path}[{i++}]");
            }
        }
    }
}

/// <summary>The Standalone queue worker with the ACS sender: a 429's Retry-After holds the message back, a rejection ends in the poison queue.</summary>
[Collection(ServicesCollection.Name)]
public sealed class AcsEmailQueueTests(TestServices services) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(12);

    private FakeAcs acs = null!;

    public async Task InitializeAsync() => acs = await FakeAcs.StartAsync();

    public async Task DisposeAsync() => await acs.DisposeAsync();

    private PortalApp NewApp() => new(services.StorageConnectionString, services.MailDev.SmtpPort, services.NewPrefix(), configure: s =>
    {
        s.PostConfigure<PortalAccessOptions>(o => o.Mail.Acs.Endpoint = acs.Endpoint);
        s.RemoveAll<IMailSender>();
        s.AddSingleton<IMailSender>(sp => new AcsEmailSender(
            acs.Pipeline, sp.GetRequiredService<IOptions<PortalAccessOptions>>(), sp.GetRequiredService<ILogger<AcsEmailSender>>()));
    });

    private static async Task<string> ProvisionAsync(PortalApp app)
    {
        var client = new PortalClient(app.CreateClient(), _ => Task.FromException<string>(new NotSupportedException("Mail goes to the fake ACS here.")));
        var email = PortalClient.NewEmail("owner");
        Assert.Equal(HttpStatusCode.Created, (await client.ProvisionCustomerAsync(PortalClient.NewCustomerNumber(), email)).StatusCode);
        return email;
    }

    [Fact]
    public async Task Throttled_IsRetriedAfterTheRetryAfter_WithTheSameOperationId_AndSentOnce()
    {
        acs.Script(AcsAnswer.TooManyRequests(1));
        await using var app = NewApp();

        var email = await ProvisionAsync(app);

        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!acs.RequestsTo(email).Any(r => r.AnsweredStatus == 202))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"No mail was accepted; {acs.Requests.Count} requests so far.");
            await Task.Delay(100);
        }
        await Task.Delay(1000);
        var attempts = acs.RequestsTo(email);
        Assert.Equal([429, 202], attempts.Select(r => r.AnsweredStatus));
        Assert.Equal(attempts[0].Header("Operation-Id"), attempts[1].Header("Operation-Id"));
        // the worker's own retry delay is 200 ms here: only the Retry-After explains a second's wait
        var wait = attempts[1].ReceivedAt - attempts[0].ReceivedAt;
        Assert.True(wait >= TimeSpan.FromMilliseconds(950), $"The retry came {wait.TotalMilliseconds} ms after the 429.");
    }

    [Fact]
    public async Task Rejected_IsTriedFiveTimes_WithOneOperationId_ThenPoisoned()
    {
        await using var app = NewApp();
        var poison = app.Services.GetRequiredService<StorageAccount>().Queue(StorageNames.MailOutboxPoisonQueue);
        var outbox = app.Services.GetRequiredService<StorageAccount>().Queue(StorageNames.MailOutboxQueue);
        acs.AnswerAlways(AcsAnswer.BadRequest("someone"));

        var email = await ProvisionAsync(app);

        var deadline = DateTimeOffset.UtcNow + Patience;
        while ((await poison.PeekMessagesAsync(1)).Value.Length == 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Nothing reached the poison queue; {acs.Requests.Count} requests so far.");
            await Task.Delay(200);
        }
        await Task.Delay(2000);
        var attempts = acs.RequestsTo(email);
        Assert.Equal(5, attempts.Count);
        Assert.Equal(5, acs.Requests.Count);
        Assert.All(attempts, r => Assert.Equal(400, r.AnsweredStatus));
        Assert.Single(attempts.Select(r => r.Header("Operation-Id")).Distinct());
        Assert.Empty((await outbox.PeekMessagesAsync(1)).Value);
        Assert.NotNull(MailOutbox.Deserialize((await poison.PeekMessagesAsync(1)).Value[0].Body.ToString()));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(FakeAcs.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("AcsEmailSender", StringComparison.Ordinal) && l.Contains(email, StringComparison.OrdinalIgnoreCase));
    }
}
