using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PortalAccess.Http;

namespace PortalAccess.Standalone;

public static class StandaloneHost
{
    /// <summary>
    /// Where the Standalone host publishes the OpenAPI 3.1 document of the route table (also committed as
    /// docs/openapi.json).
    /// </summary>
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
        services.AddOptions<ProxyOptions>().Bind(configuration.GetSection(ProxyOptions.Section));
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ProxyOptions>>((forwarded, proxies) => proxies.Value.ApplyTo(forwarded));
        services.AddPortalCors();
        // the per-client rule of the rate-limited routes (the Functions app applies the same in RateLimitMiddleware)
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(AuthRateLimits.Policy, context => AuthRateLimits.ClientPartition(context, Limits(context)));
            o.OnRejected = (rejected, _) =>
                new ValueTask(AuthRateLimits.Refused(rejected.Lease, Limits(rejected.HttpContext)).ExecuteAsync(rejected.HttpContext));
        });
        // the same header as the Functions app sends (SecurityHeaders.StrictTransportSecurity)
        services.AddHsts(o => (o.MaxAge, o.IncludeSubDomains) = (TimeSpan.FromDays(365), true));
        return services;
    }

    private static RateLimitOptions Limits(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<PortalAccessOptions>>().Value.RateLimits;

    /// <summary>
    /// The client address and scheme from <c>X-Forwarded-*</c>, only when the direct peer is a configured proxy
    /// (<see cref="ProxyOptions"/>); without one the headers are ignored.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this WebApplication app) =>
        app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Any ? app.UseForwardedHeaders() : app;

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
            var status => Problems.Problem(status, "http-" + status, ReasonPhrases.GetReasonPhrase(status),
                "The request was refused before it reached the API."),
        }).ExecuteAsync(context.HttpContext));
}
