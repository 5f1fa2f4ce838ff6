using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PortalAccess.Mail;
using PortalAccess.Principals;
using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Mail;

/// <summary>The Standalone queue worker keeps the Functions semantics: retries, then the poison queue.</summary>
public class MailOutboxWorkerTests(TestServices services) : ApiTest(services, configure: s =>
{
    s.RemoveAll<IMailSender>();
    s.AddSingleton<IMailSender>(new BrokenSender());
})
{
    [Fact]
    public async Task FailingMail_IsTriedFiveTimes_ThenMovesToThePoisonQueue()
    {
        var sender = (BrokenSender)Standalone.Services.GetRequiredService<IMailSender>();
        Assert.Equal(HttpStatusCode.Created, (await Client.ProvisionCustomerAsync(PortalClient.NewCustomerNumber(), PortalClient.NewEmail())).StatusCode);

        var tables = Standalone.Services.GetRequiredService<StorageAccount>();
        var poison = tables.Queue(StorageNames.MailOutboxPoisonQueue);
        var outbox = tables.Queue(StorageNames.MailOutboxQueue);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while ((await poison.PeekMessagesAsync(1)).Value.Length == 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Nothing reached the poison queue; {sender.Calls} attempts so far.");
            await Task.Delay(200);
        }
        Assert.Equal(5, sender.Calls);
        Assert.Empty((await outbox.PeekMessagesAsync(1)).Value);
        var poisoned = MailOutbox.Deserialize((await poison.PeekMessagesAsync(1)).Value[0].Body.ToString());
        Assert.NotNull(poisoned);
        Assert.Equal(LinkPurpose.Activation, poisoned.Purpose);
    }

    private sealed class BrokenSender : IMailSender
    {
        private int calls;

        public int Calls => calls;

        public Task SendAsync(OutgoingMail mail, string idempotencyKey, CancellationToken ct)
        {
            Interlocked.Increment(ref calls);
            throw new IOException("The relay is down.");
        }
    }
}

public class MailIdempotencyTests(TestServices services) : ApiTest(services)
{
    [Fact]
    public async Task RedeliveredMailMessage_SendsNoSecondMail_EvenConcurrently()
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        var user = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Once", email, areas = Array.Empty<string>() }, owner.AccessToken));
        await MailTextAsync(email);

        var account = await Standalone.Services.GetRequiredService<AccountStore>()
            .GetAsync(owner.Principal.GetProperty("customerNumber").GetString()!, PrincipalKind.User, user.GetProperty("id").GetString()!, default);
        var outbox = Standalone.Services.GetRequiredService<MailOutbox>();
        // at-least-once delivery: the same message twice more, at the same moment
        await Task.WhenAll(outbox.EnqueueAsync(MailOutbox.RequestFor(account!), default), outbox.EnqueueAsync(MailOutbox.RequestFor(account!), default));

        var queue = Standalone.Services.GetRequiredService<StorageAccount>().Queue(StorageNames.MailOutboxQueue);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while ((await queue.PeekMessagesAsync(1)).Value.Length > 0 || (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The redelivered messages were not drained.");
            await Task.Delay(200);
        }
        await Task.Delay(500);
        Assert.Equal(1, await MailCountAsync(email));

        // four deliveries of one new message racing each other inside the handler: one mail
        var renewed = (await Standalone.Services.GetRequiredService<AccountStore>()
            .UpdateAsync(account!, outbox.Renew(account!, LinkPurpose.Activation, TimeSpan.FromDays(1)), default)).Value!;
        var handler = Standalone.Services.GetRequiredService<MailHandler>();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                await handler.HandleAsync(MailOutbox.RequestFor(renewed), default);
                return "handled";
            }
            catch (MailBusyException)
            {
                return "busy";
            }
        }));
        Assert.Contains("handled", outcomes);
        await MailTextAsync(email, nth: 2);
        await Task.Delay(500);
        Assert.Equal(2, await MailCountAsync(email));
    }
}
