using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PortalAccess.Mail;

/// <summary>The mail sender named by <c>PortalAccess:Mail:Provider</c>: SMTP locally (MailDev, any relay), ACS Email in Azure.</summary>
public static class MailProviders
{
    public const string Smtp = "Smtp";
    public const string Acs = "AzureCommunicationServices";

    /// <summary>Registers the configured sender unless one is registered already (tests bring their own).</summary>
    public static IServiceCollection AddMailSender(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration[$"{PortalAccessOptions.Section}:Mail:Provider"] ?? Smtp;
        if (string.Equals(provider, Acs, StringComparison.OrdinalIgnoreCase))
        {
            // the user-assigned identity named by AZURE_CLIENT_ID, as the storage connection uses
            services.TryAddSingleton<IMailSender>(serviceProvider => new AcsEmailSender(
                AcsEmailSender.CreatePipeline(AzureCredentials.For(configuration["AZURE_CLIENT_ID"])),
                serviceProvider.GetRequiredService<IOptions<PortalAccessOptions>>(),
                serviceProvider.GetRequiredService<ILogger<AcsEmailSender>>()));
        }
        else if (string.Equals(provider, Smtp, StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton<IMailSender, SmtpMailSender>();
        }
        else
        {
            throw new InvalidOperationException($"{PortalAccessOptions.Section}:Mail:Provider is '{provider}'; use {Smtp} or {Acs}.");
        }
        return services;
    }
}
