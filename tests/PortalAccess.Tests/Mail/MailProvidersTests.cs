using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Mail;

namespace PortalAccess.Tests.Mail;

/// <summary><c>PortalAccess:Mail:Provider</c> picks the sender in both hosts: SMTP by default, ACS Email in Azure.</summary>
public sealed class MailProvidersTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddOptions<PortalAccessOptions>().Bind(configuration.GetSection(PortalAccessOptions.Section))
            .Services.AddMailSender(configuration).BuildServiceProvider();
    }

    [Fact]
    public void NoProvider_SendsOverSmtp()
    {
        using var services = Build();

        Assert.IsType<SmtpMailSender>(services.GetRequiredService<IMailSender>());
    }

    [Theory]
    [InlineData("AzureCommunicationServices")]
    [InlineData("azurecommunicationservices")]
    public void AcsProvider_SendsThroughAcsEmail(string provider)
    {
        using var services = Build(
            ("PortalAccess:Mail:Provider", provider),
            ("PortalAccess:Mail:Acs:Endpoint", "https://acs-portal.germany.communication.azure.com"),
            ("AZURE_CLIENT_ID", "00000000-0000-0000-0000-000000000001"));

        Assert.IsType<AcsEmailSender>(services.GetRequiredService<IMailSender>());
    }

    [Fact]
    public void UnknownProvider_FailsAtStartup_NamingTheChoices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(("PortalAccess:Mail:Provider", "Sendgrid")));

        Assert.Contains("Sendgrid", error.Message, StringComparison.Ordinal);
        Assert.Contains(MailProviders.Acs, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExistingSender_IsKept()
    {
        var configuration = new ConfigurationBuilder().Build();
        var own = new SmtpMailSender(Microsoft.Extensions.Options.Options.Create(new PortalAccessOptions()));

        using var services = new ServiceCollection().AddSingleton<IMailSender>(own).AddMailSender(configuration).BuildServiceProvider();

        Assert.Same(own, services.GetRequiredService<IMailSender>());
    }
}
