using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Xunit.Abstractions;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>Proves the fixture's Azurite and MailDev are real and reachable before other tests rely on them.</summary>
[Collection(ServicesCollection.Name)]
public sealed class InfrastructureSmokeTests(TestServices services, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Azurite_StoresAndReturnsTableEntity()
    {
        output.WriteLine($"Azurite ready after {services.Azurite.StartupTime.TotalMilliseconds:0} ms");
        var tables = new TableServiceClient(services.StorageConnectionString, Bounded(new TableClientOptions()));
        var table = tables.GetTableClient(services.NewPrefix() + "Smoke");
        await table.CreateIfNotExistsAsync();

        await table.AddEntityAsync(new TableEntity("customer-1", "row-1") { ["Name"] = "Ada" });
        var read = await table.GetEntityAsync<TableEntity>("customer-1", "row-1");

        Assert.Equal("Ada", read.Value.GetString("Name"));
    }

    [Fact]
    public async Task Azurite_DeliversQueueMessage()
    {
        var queue = new QueueClient(services.StorageConnectionString, services.NewPrefix() + "-smoke", Bounded(new QueueClientOptions()));
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync("hello queue");
        var received = await queue.ReceiveMessageAsync();

        Assert.Equal("hello queue", received.Value?.MessageText);
    }

    [Fact]
    public async Task MailDev_CatchesMailSentOverSmtp()
    {
        output.WriteLine($"MailDev ready after {services.MailDev.StartupTime.TotalMilliseconds:0} ms");
        var subject = "Smoke " + services.NewPrefix();
        using var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Portal", "noreply@portal.example"));
        message.To.Add(new MailboxAddress("Bob", "bob@customer.example"));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Your access is ready." };

        using (var smtp = new SmtpClient { Timeout = (int)Patience.TotalMilliseconds })
        {
            await smtp.ConnectAsync(services.MailDev.SmtpHost, services.MailDev.SmtpPort, SecureSocketOptions.None);
            await smtp.SendAsync(message);
            await smtp.DisconnectAsync(quit: true);
        }

        var mail = await services.Mail.WaitForMailAsync(m => m.Subject == subject, Patience);

        Assert.Equal("Your access is ready.", mail.Text?.Trim());
        Assert.Equal(["bob@customer.example"], mail.To);
        Assert.Equal("noreply@portal.example", mail.From);
    }

    // a broken emulator should fail the test in seconds, not after the SDK's default minutes of retries
    private static T Bounded<T>(T options)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = 1;
        options.Retry.NetworkTimeout = Patience;
        return options;
    }
}
