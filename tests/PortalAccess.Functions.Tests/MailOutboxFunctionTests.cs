using Moq;
using PortalAccess.Functions.Tests.Support;
using PortalAccess.Mail;

namespace PortalAccess.Functions.Tests;

public sealed class MailOutboxFunctionTests : IDisposable
{
    private readonly Mock<IMailSender> mail = new(MockBehavior.Strict);
    private readonly Microsoft.Extensions.DependencyInjection.ServiceProvider services;

    public MailOutboxFunctionTests() => services = FunctionServices.Build(mail.Object);

    public void Dispose() => services.Dispose();

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"id\":")]
    [InlineData("null")]
    public async Task MalformedMessage_Throws_SoTheHostRetriesAndPoisonsIt(string message)
    {
        var function = FunctionServices.Create<MailOutboxFunction>(services);

        await Assert.ThrowsAsync<FormatException>(() => function.HandleAsync(message, "message-1", 1, CancellationToken.None));

        mail.VerifyNoOtherCalls();
    }

    [Fact]
    public void HostJson_MaxDequeueCount_IsWhatTheFunctionTakesForTheLastDelivery()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PortalAccess.slnx")))
        {
            root = root.Parent;
        }
        var hostJson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root!.FullName, "host.json")))!;

        Assert.Equal(MailOutboxFunction.DefaultMaxDequeueCount, hostJson["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>());
    }
}
