using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using PortalAccess.Mail;

namespace PortalAccess.Functions.Tests.Support;

/// <summary>
/// The services a function class gets in the worker: the library's <c>AddPortalAccess</c> over a development-storage
/// connection (clients are only constructed, nothing connects) and a mocked mail sender.
/// </summary>
internal static class FunctionServices
{
    public static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" })
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();

    public static ServiceProvider Build(IMailSender? mail = null)
    {
        var configuration = Configuration();
        var services = new ServiceCollection()
            // MailHandler and the library's stores take loggers; executing a result resolves ILoggerFactory too
            .AddLogging()
            .AddSingleton(configuration)
            .AddPortalAccess(configuration);
        services.AddSingleton(mail ?? Mock.Of<IMailSender>());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static T Create<T>(IServiceProvider services) => ActivatorUtilities.CreateInstance<T>(services);
}

internal sealed record Answer(int Status, IHeaderDictionary Headers, JsonElement Body)
{
    public static async Task<Answer> ReadAsync(HttpContext context)
    {
        context.Response.Body.Position = 0;
        var body = context.Response.Body.Length == 0
            ? default
            : (await JsonDocument.ParseAsync(context.Response.Body)).RootElement.Clone();
        return new(context.Response.StatusCode, context.Response.Headers, body);
    }
}
