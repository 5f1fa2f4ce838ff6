using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Functions.Tests.Support;
using PortalAccess.Mail;

namespace PortalAccess.Functions.Tests;

/// <summary>What Program.cs builds: the library's services plus the host's, from which the worker creates every function class and the handlers get their services.</summary>
public sealed class FunctionsHostTests
{
    private const string ClientId = "00000000-0000-0000-0000-000000000001";

    private static ServiceProvider Build(params (string Key, string Value)[] settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddPortalAccess(new ConfigurationBuilder()
                .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
                .Build())
            .AddFunctionsHost()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    private static ServiceProvider BuildWithAcsMail(params (string Key, string Value)[] settings) => Build(
        [
            ("AzureWebJobsStorage", "UseDevelopmentStorage=true"),
            ("PortalAccess:Mail:Provider", MailProviders.Acs),
            ("PortalAccess:Mail:Acs:Endpoint", "https://acs-portal.germany.communication.azure.com"),
            .. settings,
        ]);

    private static void AssertUserAssignedIdentity(object client)
    {
        var credential = Assert.IsType<ManagedIdentityCredential>(ClientCredentials.Of(client));
        Assert.Equal(ManagedIdentityId.FromUserAssignedClientId(ClientId).ToString(), ClientCredentials.Find<ManagedIdentityId>(credential)?.ToString());
    }

    [Fact]
    public void FunctionClasses_AreBuiltFromTheHostServices()
    {
        var configuration = FunctionServices.Configuration();
        using var services = new ServiceCollection()
            .AddLogging()
            // the worker's host builder registers its configuration, as every .NET host does
            .AddSingleton(configuration)
            .AddPortalAccess(configuration)
            .AddFunctionsHost()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(ActivatorUtilities.CreateInstance<ApiFunctions>(services));
        Assert.NotNull(ActivatorUtilities.CreateInstance<MailOutboxFunction>(services));
        // the generated functions resolve each handler's services from the invocation's scope
        using var scope = services.CreateScope();
        var needed = PortalApi.Routes.SelectMany(r => r.Handler.Method.GetParameters()).Select(p => p.ParameterType)
            .Where(t => t != typeof(HttpRequest) && t != typeof(string) && t != typeof(CancellationToken)).Distinct();
        Assert.All(needed, type => Assert.NotNull(scope.ServiceProvider.GetRequiredService(type)));
        Assert.NotNull(ActivatorUtilities.CreateInstance<HttpProblemMiddleware>(services));
        Assert.NotNull(ActivatorUtilities.CreateInstance<CorsMiddleware>(services));
    }

    [Fact]
    public void IdentityBasedStorage_WithAClientId_UsesThatUserAssignedIdentity()
    {
        using var services = Build(("AzureWebJobsStorage:accountName", "portalaccess"), ("AzureWebJobsStorage:clientId", ClientId));

        AssertUserAssignedIdentity(services.GetRequiredService<TableServiceClient>());
        AssertUserAssignedIdentity(services.GetRequiredService<QueueServiceClient>());
    }

    [Fact]
    public void IdentityBasedStorage_WithoutAClientId_UsesTheDefaultCredential()
    {
        using var services = Build(("AzureWebJobsStorage:accountName", "portalaccess"));

        Assert.IsType<DefaultAzureCredential>(ClientCredentials.Of(services.GetRequiredService<TableServiceClient>()));
        Assert.IsType<DefaultAzureCredential>(ClientCredentials.Of(services.GetRequiredService<QueueServiceClient>()));
    }

    [Fact]
    public void AcsProvider_WithAClientId_UsesThatUserAssignedIdentity()
    {
        using var services = BuildWithAcsMail(("AZURE_CLIENT_ID", ClientId));

        AssertUserAssignedIdentity(Assert.IsType<AcsEmailSender>(services.GetRequiredService<IMailSender>()));
    }

    [Fact]
    public void AcsProvider_WithoutAClientId_UsesTheDefaultCredential()
    {
        using var services = BuildWithAcsMail();

        Assert.IsType<DefaultAzureCredential>(ClientCredentials.Of(Assert.IsType<AcsEmailSender>(services.GetRequiredService<IMailSender>())));
    }
}
