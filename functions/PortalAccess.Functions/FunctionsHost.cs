using Azure.Communication.Email;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PortalAccess.Http;
using PortalAccess.Mail;

namespace PortalAccess.Functions;

public static class FunctionsHost
{
    public const string AcsProvider = "AzureCommunicationServices";

    /// <summary>What the Functions host adds to the library: the mail sender and the problem answer for exceptions.</summary>
    public static IServiceCollection AddFunctionsHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddSingleton<ProblemExceptionHandler>();
        // Smtp under `func start` (MailDev), ACS in Azure: PortalAccess:Mail:Provider
        if (string.Equals(configuration[$"{PortalAccessOptions.Section}:Mail:Provider"], AcsProvider, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton(provider => CreateEmailClient(provider.GetRequiredService<IOptions<PortalAccessOptions>>().Value, configuration));
            services.AddSingleton<IMailSender, AcsMailSender>();
        }
        else
        {
            services.AddSingleton<IMailSender, SmtpMailSender>();
        }
        return services;
    }

    /// <summary>Managed identity: the user-assigned one named by <c>AZURE_CLIENT_ID</c> when set, as the storage connection does.</summary>
    private static EmailClient CreateEmailClient(PortalAccessOptions options, IConfiguration configuration)
    {
        var endpoint = options.Mail.Acs.Endpoint
            ?? throw new InvalidOperationException($"Set {PortalAccessOptions.Section}:Mail:Acs:Endpoint when the mail provider is {AcsProvider}.");
        var clientId = configuration["AZURE_CLIENT_ID"];
        TokenCredential credential = string.IsNullOrEmpty(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new EmailClient(endpoint, credential);
    }
}
