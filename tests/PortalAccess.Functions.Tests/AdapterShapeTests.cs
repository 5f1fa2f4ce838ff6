using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PortalAccess.Functions.Tests.Support;

namespace PortalAccess.Functions.Tests;

/// <summary>
/// The shape of every <c>[Function]</c> method that the worker binds: what it takes and what it returns. Which routes the
/// built app exposes is checked against its functions.metadata, as the real worker loads it, in the integration tests
/// (<c>RouteParityTests</c>).
/// </summary>
public partial class AdapterShapeTests
{
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
