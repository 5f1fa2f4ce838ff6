using Microsoft.Azure.Functions.Worker;
using PortalAccess.Functions.Tests.Support;
using PortalAccess.Http;

namespace PortalAccess.Functions.Tests;

/// <summary>
/// The route-miss functions' constant routes are what <see cref="RouteMisses"/> computes from the route table, so a new
/// route cannot leave the Functions app answering its path with the platform's empty 404. (That the host parses and
/// matches them is shown through HTTP in the integration suite's <c>RouteOrderTests</c>.)
/// </summary>
public class RouteMissTests
{
    private static readonly IReadOnlyList<FunctionMethod> Misses =
        [.. FunctionCatalog.Http.Where(f => f.Method.DeclaringType == typeof(RouteMissFunctions))];

    [Fact]
    public void EverySetOfMethods_HasAFunctionForTheMethodsItsPathsLack()
    {
        foreach (var group in RouteMisses.MethodGroups())
        {
            var function = Misses.SingleOrDefault(f => f.Http!.Route == group.Route);
            Assert.True(function is not null,
                $"No route-miss function for the paths taking {string.Join(", ", group.TakenMethods)}; its route would be @\"{group.Route}\" "
                + $"with the methods {string.Join(", ", group.MissingMethods.Select(m => $"\"{m.ToLowerInvariant()}\""))}.");
            Assert.Equal(group.MissingMethods, function.Http!.Methods!.Select(m => m.ToUpperInvariant()));
            Assert.Equal(AuthorizationLevel.Anonymous, function.Http.AuthLevel);
        }
    }

    [Fact]
    public void UnknownPaths_HaveOneFunctionForEveryMethod()
    {
        var unknown = Assert.Single(Misses, f => f.Http!.Methods is null or []);

        Assert.True(unknown.Http!.Route == RouteMisses.UnknownPathRoute(), $"The unknown-path route must be @\"{RouteMisses.UnknownPathRoute()}\".");
        Assert.Equal(RouteMisses.MethodGroups().Count + 1, Misses.Count);
    }
}
