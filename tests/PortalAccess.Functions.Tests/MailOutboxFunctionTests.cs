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

        await Assert.ThrowsAsync<FormatException>(() => function.Run(message, CancellationToken.None));

        mail.VerifyNoOtherCalls();
    }
}
