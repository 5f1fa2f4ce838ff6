using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.HttpOverrides;
using PortalAccess.Http;

namespace PortalAccess.Standalone;

public static class StandaloneHost
{
    /// <summary>Where the Standalone host publishes the OpenAPI 3.1 document of the route table (also committed as docs/openapi.json).</summary>
    public const string OpenApiRoute = "/api/openapi.json";

    /// <summary>What Azure Functions would provide: the queue worker, CORS and problem answers.</summary>
    public static IServiceCollection AddStandaloneHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailWorkerOptions>().Bind(configuration.GetSection(MailWorkerOptions.Section));
        services.AddOptions<DiagnosticsOptions>().Bind(configuration.GetSection(DiagnosticsOptions.Section));
        services.AddHostedService<MailOutboxWorker>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi(o => o.DescribeRouteTable());
        // as the Functions worker's ASP.NET Core integration does: the last X-Forwarded-For hop, written by a proxy
        // on loopback, is the client address
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        services.AddPortalCors();
        // the same header as the Functions app sends (SecurityHeaders.StrictTransportSecurity)
        services.AddHsts(o => (o.MaxAge, o.IncludeSubDomains) = (TimeSpan.FromDays(365), true));
        return services;
    }

    /// <summary>The library's <see cref="SecurityHeaders"/> on every answer, and HSTS outside Development.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        return app.Use((context, next) =>
        {
            SecurityHeaders.Apply(context.Response);
            return next(context);
        });
    }

    /// <summary>
    /// Whatever the pipeline answers with an empty error body (no route, wrong method, anything else ASP.NET Core refuses
    /// before a handler runs) becomes problem+json, as every other error.
    /// </summary>
    public static IApplicationBuilder UseRoutingProblems(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context => (context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => Problems.NoSuchRoute(),
            StatusCodes.Status405MethodNotAllowed => Problems.MethodNotAllowed(),
            var status => Problems.Problem(status, "http-" + status, ReasonPhrases.GetReasonPhrase(status), "The request was refused before it reached the API."),
        }).ExecuteAsync(context.HttpContext));
}
