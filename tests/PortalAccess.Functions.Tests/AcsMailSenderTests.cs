using Azure;
using Azure.Communication.Email;
using Microsoft.Extensions.Options;
using Moq;
using PortalAccess.Mail;

namespace PortalAccess.Functions.Tests;

public sealed class AcsMailSenderTests
{
    private static readonly OutgoingMail Mail = new("erika@muster.example", "Erika Muster", "Ihr Zugang", "Text body", "<p>Html body</p>");

    private readonly Mock<EmailClient> client = new();
    private readonly List<(EmailMessage Message, Guid OperationId, WaitUntil Wait)> sent = [];

    public AcsMailSenderTests() =>
        client.Setup(c => c.SendAsync(It.IsAny<WaitUntil>(), It.IsAny<EmailMessage>(), It.IsAny<Guid>(), It.IsAny<CancellationToken>()))
            .Callback((WaitUntil wait, EmailMessage message, Guid operationId, CancellationToken _) => sent.Add((message, operationId, wait)))
            .ReturnsAsync((EmailSendOperation)null!);

    private AcsMailSender Sender() =>
        new(client.Object, Options.Create(new PortalAccessOptions { Mail = { From = "DoNotReply@mail.muster.example" } }));

    [Fact]
    public async Task Send_PassesSenderRecipientSubjectTextAndHtml()
    {
        await Sender().SendAsync(Mail, "mail-1", CancellationToken.None);

        var (message, _, wait) = Assert.Single(sent);
        Assert.Equal("DoNotReply@mail.muster.example", message.SenderAddress);
        var to = Assert.Single(message.Recipients.To);
        Assert.Equal("erika@muster.example", to.Address);
        Assert.Equal("Erika Muster", to.DisplayName);
        Assert.Empty(message.Recipients.CC);
        Assert.Empty(message.Recipients.BCC);
        Assert.Equal("Ihr Zugang", message.Content.Subject);
        Assert.Equal("Text body", message.Content.PlainText);
        Assert.Equal("<p>Html body</p>", message.Content.Html);
        Assert.Equal(WaitUntil.Started, wait);
    }

    [Fact]
    public async Task SameIdempotencyKey_SendsWithTheSameOperationId()
    {
        await Sender().SendAsync(Mail, "mail-1", CancellationToken.None);
        await Sender().SendAsync(Mail, "mail-1", CancellationToken.None);

        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0].OperationId, sent[1].OperationId);
        Assert.NotEqual(Guid.Empty, sent[0].OperationId);
    }

    [Fact]
    public async Task DifferentIdempotencyKeys_SendWithDifferentOperationIds()
    {
        await Sender().SendAsync(Mail, "mail-1", CancellationToken.None);
        await Sender().SendAsync(Mail, "mail-2", CancellationToken.None);

        Assert.NotEqual(sent[0].OperationId, sent[1].OperationId);
    }

    [Fact]
    public void OperationId_IsTheFirst16BytesOfTheKeysSha256()
    {
        // a redelivery may reach another instance or a newer build: the id depends on the key alone
        // (expected value computed outside .NET: uuid.UUID(bytes_le=sha256(b"mail-1").digest()[:16]))
        Assert.Equal(new Guid("b9e95173-d17c-b7a7-da6f-a9d1ca1401d1"), AcsMailSender.OperationIdFor("mail-1"));
    }

    [Fact]
    public async Task TooManyRequests_Throws_SoTheQueueRetriesLater()
    {
        client.Setup(c => c.SendAsync(It.IsAny<WaitUntil>(), It.IsAny<EmailMessage>(), It.IsAny<Guid>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(429, "Too many requests."));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Sender().SendAsync(Mail, "mail-1", CancellationToken.None));

        Assert.Equal(429, error.Status);
    }
}
