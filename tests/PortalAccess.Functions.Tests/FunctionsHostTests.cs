using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Functions.Tests.Support;
using PortalAccess.Mail;

namespace PortalAccess.Functions.Tests;

/// <summary>What Program.cs adds to the library: the mail sender by <c>PortalAccess:Mail:Provider</c>.</summary>
public sealed class FunctionsHostTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = FunctionServices.Configuration(settings);
        return new ServiceCollection()
            .AddLogging()
            .AddPortalAccess(configuration)
            .AddFunctionsHost(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AcsProvider_SendsThroughAzureCommunicationServices()
    {
        using var services = Build(
            ("PortalAccess:Mail:Provider", "AzureCommunicationServices"),
            ("PortalAccess:Mail:Acs:Endpoint", "https://acs-portal.germany.communication.azure.com"),
            ("AZURE_CLIENT_ID", "00000000-0000-0000-0000-000000000001"));

        Assert.IsType<AcsMailSender>(services.GetRequiredService<IMailSender>());
    }

    [Fact]
    public void AcsProvider_WithoutAClientId_UsesTheDefaultCredential()
    {
        using var services = Build(
            ("PortalAccess:Mail:Provider", "AzureCommunicationServices"),
            ("PortalAccess:Mail:Acs:Endpoint", "https://acs-portal.germany.communication.azure.com"));

        Assert.IsType<AcsMailSender>(services.GetRequiredService<IMailSender>());
    }

    [Fact]
    public void AcsProvider_WithoutEndpoint_FailsNamingTheSetting()
    {
        using var services = Build(("PortalAccess:Mail:Provider", "AzureCommunicationServices"));

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IMailSender>());
        Assert.Contains("PortalAccess:Mail:Acs:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SmtpProvider_UnderFuncStart_SendsOverSmtp()
    {
        using var services = Build(("PortalAccess:Mail:Provider", "Smtp"));

        Assert.IsType<SmtpMailSender>(services.GetRequiredService<IMailSender>());
    }

    [Fact]
    public void FunctionClasses_AreBuiltFromTheHostServices()
    {
        using var services = Build();

        Assert.All(FunctionCatalog.Classes, type => Assert.NotNull(ActivatorUtilities.CreateInstance(services, type)));
        Assert.NotNull(ActivatorUtilities.CreateInstance<HttpProblemMiddleware>(services));
    }
}
