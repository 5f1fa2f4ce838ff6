using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PortalAccess.Audit;
using PortalAccess.Auth;
using PortalAccess.Catalogs;
using PortalAccess.Customers;
using PortalAccess.Events;
using PortalAccess.OfficeDesks;
using PortalAccess.Http;
using PortalAccess.Mail;
using PortalAccess.Storage;
using PortalAccess.Users;

namespace PortalAccess;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything PortalAccess needs; the hosts add only what their platform lacks.</summary>
    public static IServiceCollection AddPortalAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalAccessOptions>().Bind(configuration.GetSection(PortalAccessOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.MaxDepth = JsonBody.Options.MaxDepth);
        // ASP.NET Core's "Request starting" lines carry the query string, and a system call may carry its key there (?code=);
        // the CORS service writes every refused Origin header as the client sent it
        services.AddLogging(logging => logging
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.Cors", LogLevel.Warning));
        AddStorageClients(services, configuration);
        services.TryAddSingleton(StorageStartup.From(configuration));
        services.AddHostedService<StorageBootstrap>();
        AddStores(services);
        AddAuth(services, configuration);
        AddMail(services, configuration);
        AddEndpoints(services);
        return services;
    }

    private static void AddStores(IServiceCollection services)
    {
        services.AddSingleton<StorageAccount>();
        services.AddSingleton<AuthRateLimits>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<LoginIndex>();
        services.AddSingleton<LinkTokenStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<ProcessedMarks>();
        services.AddSingleton<MailOutbox>();
        services.AddSingleton<AuditLog>();
    }

    private static void AddAuth(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<HashGate>();
        services.AddSingleton<PasswordHasher>();
        services.AddSigningKeyStore(configuration);
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<RefreshSessions>();
        services.AddSingleton<CallerAccess>();
        services.AddSingleton<LoginOwners>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<LinkCheck>();
        services.AddSingleton<AccountActivation>();
        services.AddSingleton<PasswordChanges>();
    }

    private static void AddMail(IServiceCollection services, IConfiguration configuration)
    {
        services.AddMailSender(configuration);
        services.AddSingleton<MailComposer>();
        services.AddSingleton<MailHandler>();
    }

    /// <summary>The features' services and the endpoint classes whose handlers the route table names.</summary>
    private static void AddEndpoints(IServiceCollection services)
    {
        services.AddSingleton<PrincipalDirectory>();
        services.AddSingleton<UserManagement>();
        services.AddSingleton<DeskManagement>();
        services.AddSingleton<CustomerProvisioning>();
        services.AddSingleton<CustomerErasure>();
        services.AddSingleton<SipDesks>();
        services.AddSingleton<TelephonyEventApplier>();
        services.AddSingleton<AuthEndpoints>();
        services.AddSingleton<CatalogEndpoints>();
        services.AddSingleton<UserEndpoints>();
        services.AddSingleton<OfficeDeskEndpoints>();
        services.AddSingleton<TelephonyEventEndpoints>();
        services.AddSingleton<CustomerEndpoints>();
        services.AddSingleton<AuditEndpoints>();
        services.AddSingleton<HealthEndpoints>();
    }

    /// <summary>
    /// <c>AzureWebJobsStorage</c> as a connection string (Azurite) or identity-based
    /// (<c>AzureWebJobsStorage__accountName</c>, <c>__clientId</c>), exactly as the Functions host reads it.
    /// </summary>
    private static void AddStorageClients(IServiceCollection services, IConfiguration configuration)
    {
        var tableOptions = StorageOutage.TableOptions();
        var queueOptions = StorageOutage.QueueOptions();
        // per retry: every attempt that goes over the wire is a round trip
        tableOptions.AddPolicy(StorageRequestCounter.Instance, Azure.Core.HttpPipelinePosition.PerRetry);
        queueOptions.AddPolicy(StorageRequestCounter.Instance, Azure.Core.HttpPipelinePosition.PerRetry);
        var connectionString = configuration["AzureWebJobsStorage"];
        if (!string.IsNullOrEmpty(connectionString))
        {
            services.TryAddSingleton(new TableServiceClient(connectionString, tableOptions));
            services.TryAddSingleton(new QueueServiceClient(connectionString, queueOptions));
            return;
        }
        var section = configuration.GetSection("AzureWebJobsStorage");
        var account = section["accountName"]
            ?? throw new InvalidOperationException("Set AzureWebJobsStorage (a connection string) or AzureWebJobsStorage__accountName.");
        var clientId = section["clientId"];
        var credential = AzureCredentials.For(clientId);
        services.TryAddSingleton(new TableServiceClient(new Uri(section["tableServiceUri"] ?? $"https://{account}.table.core.windows.net"), credential, tableOptions));
        services.TryAddSingleton(new QueueServiceClient(new Uri(section["queueServiceUri"] ?? $"https://{account}.queue.core.windows.net"), credential, queueOptions));
    }
}
