using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalAccess.Mail;
using PortalAccess.Principals;
using PortalAccess.Standalone;
using PortalAccess.Storage;
using Xunit.Abstractions;

namespace PortalAccess.IntegrationTests.Mail;

/// <summary>
/// The mail relay or provider is down: a mail is retried with back-off, moves to the poison queue after the fifth delivery,
/// says so in the log (with its message id) and in the customer's audit trail, is never sent twice, and a later resend works.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed partial class MailOutageTests(TestServices services, ITestOutputHelper output)
{
    /// <summary>
    /// The first retry delay of these tests. Queue visibility timeouts are whole seconds on the wire (PortalApp's 200 ms is 0 s),
    /// so the back-off shows only from 1 s on: 1 + 2 + 4 + 8 s before the fifth delivery.
    /// </summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan BackOffBeforeFifth = TimeSpan.FromSeconds(15);

    private static void SlowRetries(IServiceCollection services) =>
        services.PostConfigure<MailWorkerOptions>(o => o.RetryDelay = RetryDelay);

    [Fact]
    public async Task SmtpDown_MailIsRetriedWithBackOff_Poisoned_LoggedAndAudited_AndAResendWorksWhenItIsBack()
    {
        await using var smtp = new SmtpSwitch(services.MailDev.SmtpPort);
        smtp.TurnOn();
        await using var app = new PortalApp(services.StorageConnectionString, smtp.Port, services.NewPrefix(), configure: SlowRetries);
        var client = new PortalClient(app.CreateClient(), email => MailTextAsync(email, 1));
        var owner = await client.NewOwnerAsync();

        await smtp.TurnOffAsync();
        var email = PortalClient.NewEmail();
        var started = Stopwatch.StartNew();
        var id = await CreateUserAsync(client, owner, email);
        var poisoned = await PoisonedAsync(app, id, BackOffBeforeFifth + TimeSpan.FromSeconds(15));
        output.WriteLine($"SMTP down: mail {poisoned.Id} poisoned {started.Elapsed.TotalSeconds:0.0} s after the create");
        Assert.True(started.Elapsed >= BackOffBeforeFifth, $"Poisoned after {started.Elapsed.TotalSeconds:0.0} s: no back-off between the deliveries.");

        var messageId = AssertGivenUpInTheLog(app, poisoned.Id, expectedFailures: 5);
        output.WriteLine($"Log names queue message {messageId} and mail {poisoned.Id}");
        await AssertAuditedAsync(client, owner, id, poisoned.Id, "send-failed");
        Assert.Equal(0, await MailCountAsync(email));

        smtp.TurnOn();
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(HttpMethod.Post, $"/api/users/{id}/activation-mail", token: owner.AccessToken)).StatusCode);
        await client.ActivateAsync(PortalClient.TokenIn(await MailTextAsync(email, 1)), PortalClient.Password);
        await client.LoginAsync(email, PortalClient.Password);
        await Task.Delay(1000);
        Assert.Equal(1, await MailCountAsync(email));
    }

    [Fact]
    public async Task SmtpDown_OnTheWorker_MailIsPoisonedAfterFiveDeliveries_LoggedAndAudited_AndAResendWorksWhenItIsBack()
    {
        await using var smtp = new SmtpSwitch(services.MailDev.SmtpPort);
        smtp.TurnOn();
        await using var app = await WorkerApp.StartAsync(services.StorageConnectionString, smtp.Port, services.NewPrefix());
        var client = new PortalClient(app.CreateClient(), email => MailTextAsync(email, 1));
        var owner = await client.NewOwnerAsync();

        await smtp.TurnOffAsync();
        var email = PortalClient.NewEmail();
        var id = await CreateUserAsync(client, owner, email);
        var poisoned = await PoisonedAsync(app, id);
        var messageId = AssertGivenUpInTheLog(app, poisoned.Id, expectedFailures: 5);
        output.WriteLine($"Worker log names queue message {messageId} and mail {poisoned.Id}");
        await AssertAuditedAsync(client, owner, id, poisoned.Id, "send-failed");

        smtp.TurnOn();
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(HttpMethod.Post, $"/api/users/{id}/activation-mail", token: owner.AccessToken)).StatusCode);
        await client.ActivateAsync(PortalClient.TokenIn(await MailTextAsync(email, 1)), PortalClient.Password);
        await Task.Delay(1000);
        Assert.Equal(1, await MailCountAsync(email));
    }

    [Fact]
    public async Task AcsUnavailableAndThrottled_MailIsRetriedWithBackOffAndRetryAfter_Poisoned_Audited_AndAResendIsSentOnce()
    {
        await using var acs = await FakeAcs.StartAsync();
        await using var app = new PortalApp(services.StorageConnectionString, services.MailDev.SmtpPort, services.NewPrefix(), configure: s =>
        {
            SlowRetries(s);
            s.PostConfigure<PortalAccessOptions>(o => o.Mail.Acs.Endpoint = acs.Endpoint);
            s.RemoveAll<IMailSender>();
            s.AddSingleton<IMailSender>(sp => new AcsEmailSender(
                acs.Pipeline, sp.GetRequiredService<IOptions<PortalAccessOptions>>(), sp.GetRequiredService<ILogger<AcsEmailSender>>()));
        });
        var client = new PortalClient(app.CreateClient(), email => AcsMailTextAsync(acs, email));
        var owner = await client.NewOwnerAsync();

        acs.Script(AcsAnswer.Unavailable, AcsAnswer.Unavailable, AcsAnswer.TooManyRequests(6), AcsAnswer.Unavailable, AcsAnswer.Unavailable);
        var email = PortalClient.NewEmail();
        var id = await CreateUserAsync(client, owner, email);
        var poisoned = await PoisonedAsync(app, id, TimeSpan.FromSeconds(35));

        var attempts = acs.RequestsTo(email);
        Assert.Equal([503, 503, 429, 503, 503], attempts.Select(a => a.AnsweredStatus));
        Assert.Single(attempts.Select(a => a.Header("Operation-Id")).Distinct());
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b.ReceivedAt - a.ReceivedAt).ToList();
        output.WriteLine($"ACS down: gaps between the deliveries {string.Join(", ", gaps.Select(g => $"{g.TotalMilliseconds:0} ms"))}");
        // back-off 1, 2, (4 or the 429's Retry-After of 6 s), 8 s
        Assert.True(gaps[0] >= TimeSpan.FromSeconds(0.9) && gaps[1] >= TimeSpan.FromSeconds(1.9), "No back-off.");
        Assert.True(gaps[2] >= TimeSpan.FromSeconds(5.9), "The 429's Retry-After was not honoured.");
        Assert.True(gaps[3] >= TimeSpan.FromSeconds(7.9), "No back-off after the throttled delivery.");
        AssertGivenUpInTheLog(app, poisoned.Id, expectedFailures: 5);
        await AssertAuditedAsync(client, owner, id, poisoned.Id, "provider-unavailable");

        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(HttpMethod.Post, $"/api/users/{id}/activation-mail", token: owner.AccessToken)).StatusCode);
        await client.ActivateAsync(PortalClient.TokenIn(await AcsMailTextAsync(acs, email)), PortalClient.Password);
        await Task.Delay(1000);
        var all = acs.RequestsTo(email);
        Assert.Equal(6, all.Count);
        Assert.Equal(202, all[^1].AnsweredStatus);
        Assert.NotEqual(attempts[0].Header("Operation-Id"), all[^1].Header("Operation-Id"));
    }

    [Fact]
    public async Task SentMail_WhoseDoneMarkAndQueueDeleteFail_IsNotSentAgain_AndIsMarkedWhenStorageIsBack()
    {
        var fault = new StorageFault { Failure = StorageFault.Unreachable };
        await using var app = new PortalApp(services.StorageConnectionString, services.MailDev.SmtpPort, services.NewPrefix(), fault,
            configure: s => s.PostConfigure<MailWorkerOptions>(o => o.VisibilityTimeout = TimeSpan.FromSeconds(1)));
        var client = new PortalClient(app.CreateClient(), email => MailTextAsync(email, 1));
        var owner = await client.NewOwnerAsync();

        // the mail goes out, then storage fails for the done mark and for the queue delete: the message comes back
        fault.Matches = m => StorageFault.Is(m, "PUT", StorageNames.ProcessedEventsTable) || StorageFault.Is(m, "DELETE", StorageNames.MailOutboxQueue + "/messages");
        fault.Armed = true;
        var email = PortalClient.NewEmail();
        var id = await CreateUserAsync(client, owner, email);
        await MailTextAsync(email, 1);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (app.Logs.Lines.Count(l => l.Contains("was sent before; redelivery ignored", StringComparison.Ordinal)) < 2)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The message was not redelivered.");
            await Task.Delay(100);
        }
        Assert.Contains(app.Logs.Lines, l => l.Contains("but storage did not take its done mark", StringComparison.Ordinal));
        Assert.Equal(1, await MailCountAsync(email));

        fault.Armed = false;
        var account = await app.Services.GetRequiredService<AccountStore>().GetAsync(owner.Principal.GetProperty("customerNumber").GetString()!, PrincipalKind.User, id, default);
        var marks = app.Services.GetRequiredService<ProcessedMarks>();
        var outbox = app.Storage.Queue(StorageNames.MailOutboxQueue);
        deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (!await marks.IsDoneAsync("mail", account!.Mail!.Id, default) || (await outbox.PeekMessagesAsync(1)).Value.Length > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The done mark was not stored, or the message not deleted, after storage came back.");
            await Task.Delay(200);
        }
        await Task.Delay(500);
        Assert.Equal(1, await MailCountAsync(email));
        Assert.Empty((await app.Storage.Queue(StorageNames.MailOutboxPoisonQueue).PeekMessagesAsync(1)).Value);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(MailHandler.MailFailedAction, StringComparison.Ordinal));
    }

    private static async Task<string> CreateUserAsync(PortalClient client, Session owner, string email)
    {
        var created = await client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Mail Outage", email, areas = Array.Empty<string>() }, owner.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await PortalClient.JsonAsync(created)).GetProperty("id").GetString()!;
    }

    /// <summary>Waits for the activation mail of principal <paramref name="principalId"/> in the poison queue (20 s unless told).</summary>
    private static async Task<MailRequest> PoisonedAsync(IPortalHost app, string principalId, TimeSpan? patience = null)
    {
        var poison = app.Storage.Queue(StorageNames.MailOutboxPoisonQueue);
        var deadline = DateTimeOffset.UtcNow + (patience ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = (await poison.PeekMessagesAsync(32)).Value
                .Select(m => MailOutbox.Deserialize(m.Body.ToString()))
                .FirstOrDefault(r => r?.PrincipalId == principalId);
            if (found is not null)
            {
                return found;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, "The mail did not reach the poison queue.");
            await Task.Delay(200);
        }
    }

    /// <summary>One error line names the queue message and the mail; that message failed <paramref name="expectedFailures"/> times.</summary>
    private static string AssertGivenUpInTheLog(IPortalHost app, string mailId, int expectedFailures)
    {
        // "Error …" on the Standalone host, "[worker] Error …" from the worker
        var givenUp = Assert.Single(app.Logs.Lines, l => l.Contains("moves to the poison queue", StringComparison.Ordinal) && l.Contains($"(mail {mailId},", StringComparison.Ordinal));
        Assert.Contains("Error", givenUp[..Math.Min(20, givenUp.Length)], StringComparison.Ordinal);
        var messageId = GivenUpLine().Match(givenUp).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(messageId));
        Assert.Equal(expectedFailures, app.Logs.Lines.Count(l => l.Contains("failed on delivery", StringComparison.Ordinal) && l.Contains(messageId, StringComparison.Ordinal)));
        return messageId;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Mail message (\S+) \(mail ")]
    private static partial System.Text.RegularExpressions.Regex GivenUpLine();

    private static async Task AssertAuditedAsync(PortalClient client, Session owner, string principalId, string mailId, string reason)
    {
        var response = await client.SendAsync(HttpMethod.Get, "/api/audit", token: owner.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single((await PortalClient.JsonAsync(response)).GetProperty("items").EnumerateArray(),
            e => e.GetProperty("action").GetString() == MailHandler.MailFailedAction);
        Assert.Equal(principalId, entry.GetProperty("target").GetProperty("id").GetString());
        Assert.Equal("system", entry.GetProperty("actor").GetProperty("kind").GetString());
        var changes = entry.GetProperty("changes");
        Assert.Equal(mailId, changes.GetProperty("mailId").GetProperty("after").GetString());
        Assert.Equal(reason, changes.GetProperty("reason").GetProperty("after").GetString());
        Assert.Equal("activation", changes.GetProperty("mail").GetProperty("after").GetString());
    }

    private Task<string> MailTextAsync(string email, int nth) => services.Mail.TextToAsync(email, nth, TimeSpan.FromSeconds(20));

    private Task<int> MailCountAsync(string email) => services.Mail.CountToAsync(email);

    /// <summary>The text of the last mail ACS accepted for <paramref name="email"/>, waiting for one.</summary>
    private static async Task<string> AcsMailTextAsync(FakeAcs acs, string email)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            if (acs.RequestsTo(email).LastOrDefault(r => r.AnsweredStatus == 202) is { } accepted)
            {
                return accepted.Json.GetProperty("content").GetProperty("plainText").GetString()!;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"ACS accepted no mail to {email}.");
            await Task.Delay(100);
        }
    }
}
