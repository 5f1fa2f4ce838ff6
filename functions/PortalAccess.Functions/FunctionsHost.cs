using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Http;

namespace PortalAccess.Functions;

public static class FunctionsHost
{
    /// <summary>What the Functions host adds to the library: the problem answer for exceptions, CORS.</summary>
    public static IServiceCollection AddFunctionsHost(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddSingleton<ProblemExceptionHandler>();
        services.AddPortalCors();
        return services;
    }
}
