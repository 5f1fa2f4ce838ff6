using PortalAccess.Storage;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>The real <c>MailOutbox</c> function under the test host's queue semantics (host.json: 5 dequeues, then the poison queue).</summary>
public sealed class WorkerQueueTests(TestServices services) : ApiTest(services, HostKind.Worker)
{
    [Fact]
    public async Task MessageWhoseHandlerThrows_IsDeliveredFiveTimes_ThenPoisoned_WithOneLogLine_AndNotLost()
    {
        var body = "not a mail request " + Guid.NewGuid().ToString("N");
        var sent = (await App.Storage.Queue(StorageNames.MailOutboxQueue).SendMessageAsync(body)).Value;

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        var poisoned = false;
        while (!poisoned && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200);
            var peeked = (await App.Storage.Queue(StorageNames.MailOutboxPoisonQueue).PeekMessagesAsync(32)).Value;
            poisoned = peeked.Any(m => m.Body.ToString() == body);
        }

        Assert.True(poisoned, "The message did not reach the poison queue within 30 s.");
        var lines = App.Logs.Lines.Where(l => l.Contains(sent.MessageId, StringComparison.Ordinal)).ToList();
        Assert.Equal(5, lines.Count(l => l.Contains("failed on delivery", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.StartsWith("[host]", StringComparison.Ordinal) && l.Contains("poison", StringComparison.OrdinalIgnoreCase));
        // and the worker's own report of the last delivery, which names the message too
        Assert.Single(lines, l => l.StartsWith("[worker] Error", StringComparison.Ordinal) && l.Contains("moves to the poison queue", StringComparison.Ordinal));
        // once poisoned, it is not delivered again
        await Task.Delay(1000);
        Assert.Equal(5, App.Logs.Lines.Count(l => l.Contains(sent.MessageId, StringComparison.Ordinal) && l.Contains("failed on delivery", StringComparison.Ordinal)));
    }
}
