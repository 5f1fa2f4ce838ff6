using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Functions.Tests.Support;

namespace PortalAccess.Functions.Tests;

/// <summary>What Program.cs builds: the library's services plus the host's, from which the worker creates every function class.</summary>
public sealed class FunctionsHostTests
{
    [Fact]
    public void FunctionClasses_AreBuiltFromTheHostServices()
    {
        using var services = new ServiceCollection()
            .AddLogging()
            .AddPortalAccess(FunctionServices.Configuration())
            .AddFunctionsHost()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Equal(9, FunctionCatalog.Classes.Count);
        Assert.All(FunctionCatalog.Classes, type => Assert.NotNull(ActivatorUtilities.CreateInstance(services, type)));
        Assert.NotNull(ActivatorUtilities.CreateInstance<HttpProblemMiddleware>(services));
    }
}
