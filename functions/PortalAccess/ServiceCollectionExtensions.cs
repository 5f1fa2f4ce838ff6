using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PortalAccess.Audit;
using PortalAccess.Auth.Callers;
using PortalAccess.Auth.Links;
using PortalAccess.Auth.Passwords;
using PortalAccess.Auth.SignIn;
using PortalAccess.Auth.Tokens;
using PortalAccess.Catalogs;
using PortalAccess.Customers;
using PortalAccess.Events;
using PortalAccess.Http;
using PortalAccess.Mail;
using PortalAccess.OfficeDesks;
using PortalAccess.Principals;
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
        services.AddStores();
        services.AddAuth(configuration);
        services.AddPrincipals();
        services.AddUsers();
        services.AddOfficeDesks();
        services.AddTelephonyEvents();
        services.AddCustomers();
        services.AddAudit();
        services.AddMail(configuration);
        services.AddHttpParts();
        return services;
    }

    /// <summary>The table stores: rows of the features' tables, each behind a narrow interface of its own.</summary>
    private static IServiceCollection AddStores(this IServiceCollection services) => services
        .AddSingleton<StorageAccount>()
        .AddSingleton<AccountStore>()
        .AddSingleton<LoginIndex>()
        .AddSingleton<LinkTokenStore>()
        .AddSingleton<SessionStore>()
        .AddSingleton<ProcessedMarks>();

    /// <summary>Sign-in, tokens and sessions, links, passwords, and who the caller is (<c>Auth/</c>, a sub-folder a flow).</summary>
    private static IServiceCollection AddAuth(this IServiceCollection services, IConfiguration configuration) => services
        .AddSingleton<HashGate>()
        .AddSingleton<PasswordHasher>()
        .AddSigningKeyStore(configuration)
        .AddSingleton<SigningKeyRing>()
        .AddSingleton<AccessTokens>()
        .AddSingleton<RefreshSessions>()
        .AddSingleton<SessionTokens>()
        .AddSingleton<CallerAccess>()
        .AddSingleton<LoginOwners>()
        .AddSingleton<PasswordSignIn>()
        .AddSingleton<LinkCheck>()
        .AddSingleton<AccountActivation>()
        .AddSingleton<PasswordChanges>()
        .AddSingleton<SignInEndpoints>()
        .AddSingleton<TokenEndpoints>()
        .AddSingleton<LinkEndpoints>()
        .AddSingleton<MeEndpoints>()
        .AddSingleton<PasswordEndpoints>()
        .AddSingleton<SigningKeyEndpoints>();

    /// <summary>What users and desks share: the directory of principals and how a call finds its target.</summary>
    private static IServiceCollection AddPrincipals(this IServiceCollection services) => services
        .AddSingleton<PrincipalDirectory>()
        .AddSingleton<PrincipalTargets>();

    private static IServiceCollection AddUsers(this IServiceCollection services) => services
        .AddSingleton<UserManagement>()
        .AddSingleton<UserEndpoints>()
        .AddSingleton<CatalogEndpoints>();

    private static IServiceCollection AddOfficeDesks(this IServiceCollection services) => services
        .AddSingleton<DeskManagement>()
        .AddSingleton<SipDesks>()
        .AddSingleton<OfficeDeskEndpoints>();

    private static IServiceCollection AddTelephonyEvents(this IServiceCollection services) => services
        .AddSingleton<TelephonyEventApplier>()
        .AddSingleton<TelephonyEventEndpoints>();

    private static IServiceCollection AddCustomers(this IServiceCollection services) => services
        .AddSingleton<CustomerProvisioning>()
        .AddSingleton<CustomerErasure>()
        .AddSingleton<CustomerEndpoints>();

    private static IServiceCollection AddAudit(this IServiceCollection services) => services
        .AddSingleton<AuditLog>()
        .AddSingleton<AuditEndpoints>();

    private static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration) => services
        .AddMailSender(configuration)
        .AddSingleton<MailOutbox>()
        .AddSingleton<MailComposer>()
        .AddSingleton<MailHandler>();

    /// <summary>The parts every route shares: rate limits of the anonymous routes and the health check.</summary>
    private static IServiceCollection AddHttpParts(this IServiceCollection services) => services
        .AddSingleton<AuthRateLimits>()
        .AddSingleton<HealthEndpoints>();

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
        services.TryAddSingleton(new TableServiceClient(
            new Uri(section["tableServiceUri"] ?? $"https://{account}.table.core.windows.net"), credential, tableOptions));
        services.TryAddSingleton(new QueueServiceClient(
            new Uri(section["queueServiceUri"] ?? $"https://{account}.queue.core.windows.net"), credential, queueOptions));
    }
}
