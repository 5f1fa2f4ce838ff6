using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PortalAccess.Functions.Tests.Support;
using PortalAccess.Http;

namespace PortalAccess.Functions.Tests;

/// <summary>
/// The Functions app exposes exactly the library's route table (the Standalone host is checked in the integration
/// tests). A route added to <see cref="ApiRoutes.All"/> fails here until its adapter exists.
/// </summary>
public partial class RouteParityTests
{
    public static TheoryData<string> RouteNames => new(ApiRoutes.All.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(RouteNames))]
    public void EveryRoute_HasExactlyOneFunction_WithSameMethodRouteAndLevel(string routeName)
    {
        var route = ApiRoutes.All.Single(r => r.Name == routeName);

        var function = Assert.Single(FunctionCatalog.All, f => f.Name == route.Name);

        Assert.NotNull(function.Http);
        Assert.Equal([route.Method.ToLowerInvariant()], function.Http.Methods!);
        Assert.Equal(route.Template, function.Http.Route);
        Assert.Equal(route.Access == RouteAccess.System ? AuthorizationLevel.Function : AuthorizationLevel.Anonymous, function.Http.AuthLevel);
    }

    [Fact]
    public void EveryHttpFunction_IsInTheRouteTable()
    {
        var table = ApiRoutes.All.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        var strays = FunctionCatalog.Http.Where(f => !table.Contains(f.Name)).Select(f => f.ToString()).ToList();

        Assert.Empty(strays);
    }

    [Fact]
    public void NoTwoFunctions_ShareAName()
    {
        var shared = FunctionCatalog.All.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(shared);
    }

    [Fact]
    public void EveryHttpFunction_TakesTheRequest_AndEveryRouteValueByName()
    {
        Assert.All(FunctionCatalog.Http, function =>
        {
            var parameters = function.Method.GetParameters();
            Assert.Equal(typeof(HttpRequest), function.TriggerParameter!.ParameterType);
            var routeValues = RouteValue().Matches(function.Http!.Route ?? "").Select(m => m.Groups["name"].Value).Order(StringComparer.Ordinal);
            var named = parameters.Where(p => p.ParameterType == typeof(string)).Select(p => p.Name!).Order(StringComparer.Ordinal);
            Assert.Equal(routeValues, named);
            // nothing else for the worker to bind: the request, route values, the cancellation token
            Assert.All(parameters, p => Assert.Contains(p.ParameterType, new[] { typeof(HttpRequest), typeof(string), typeof(CancellationToken) }));
        });
    }

    [Fact]
    public void EveryHttpFunction_ReturnsAnIResult()
    {
        // a POCO or string return compiles but the ASP.NET Core integration writes no body for it (WORKER-API.md)
        Assert.All(FunctionCatalog.Http, function =>
            Assert.Contains(function.Method.ReturnType, new[] { typeof(IResult), typeof(Task<IResult>) }));
    }

    [Fact]
    public void EveryFunction_IsAPublicInstanceMethod_OfAPublicSealedClass()
    {
        Assert.All(FunctionCatalog.All, function =>
        {
            Assert.True(function.Method.IsPublic && !function.Method.IsStatic, function.ToString());
            Assert.True(function.Method.DeclaringType!.IsPublic && function.Method.DeclaringType.IsSealed, function.ToString());
        });
    }

    [Fact]
    public void TheOnlyOtherFunction_IsTheMailOutboxQueueTrigger()
    {
        var queued = Assert.Single(FunctionCatalog.All, f => f.Http is null);

        Assert.Equal("MailOutbox", queued.Name);
        Assert.NotNull(queued.Queue);
        Assert.Equal(Storage.StorageNames.MailOutboxQueue, queued.Queue.QueueName);
        Assert.Equal("AzureWebJobsStorage", queued.Queue.Connection);
        Assert.Equal(typeof(string), queued.TriggerParameter!.ParameterType);
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex RouteValue();
}
