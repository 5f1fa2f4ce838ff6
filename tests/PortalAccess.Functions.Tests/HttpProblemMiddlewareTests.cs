using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using PortalAccess.Functions.Tests.Support;
using PortalAccess.Http;

namespace PortalAccess.Functions.Tests;

public sealed class HttpProblemMiddlewareTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection()
        .AddLogging()
        .AddFunctionsHost()
        .BuildServiceProvider();

    public void Dispose() => services.Dispose();

    private HttpProblemMiddleware Middleware() => FunctionServices.Create<HttpProblemMiddleware>(services);

    [Fact]
    public async Task ExceptionInAnHttpFunction_Answers500Problem_WithoutInternals()
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        var context = TestFunctionContext(services, http);

        await Middleware().Invoke(context, _ => throw new InvalidOperationException("secret connection detail"));

        var answer = await Answer.ReadAsync(http);
        Assert.Equal(500, answer.Status);
        Assert.Equal(Problems.TypeBase + "internal", answer.Body.GetProperty("type").GetString());
        Assert.DoesNotContain("secret", answer.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(403)]
    [InlineData(503)]
    public async Task StorageThatDoesNotAnswer_OrRefusesTheAppsIdentity_Answers503Problem_WithRetryAfter(int status)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        var context = TestFunctionContext(services, http);
        // what the SDK throws once its retries are spent
        var spent = new AggregateException(
            new Azure.RequestFailedException(status, "Connection refused (127.0.0.1:10002)"),
            new Azure.RequestFailedException(status, "Connection refused (127.0.0.1:10002)"));

        await Middleware().Invoke(context, _ => throw spent);

        var answer = await Answer.ReadAsync(http);
        Assert.Equal(503, answer.Status);
        Assert.Equal("5", answer.Headers.RetryAfter.ToString());
        Assert.Equal(Problems.TypeBase + "storage-unavailable", answer.Body.GetProperty("type").GetString());
        Assert.DoesNotContain("10002", answer.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorageRefusingTheRequest_IsNoOutage_AndStays500()
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        var context = TestFunctionContext(services, http);

        await Middleware().Invoke(context, _ => throw new Azure.RequestFailedException(400, "InvalidInput"));

        Assert.Equal(500, (await Answer.ReadAsync(http)).Status);
    }

    [Fact]
    public async Task ExceptionInAQueueFunction_IsRethrown_SoTheHostRetries()
    {
        var context = TestFunctionContext(services, http: null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Middleware().Invoke(context, _ => throw new InvalidOperationException()));
    }

    [Fact]
    public async Task SuccessfulFunction_PassesThrough()
    {
        var context = TestFunctionContext(services, http: null);
        var called = false;

        await Middleware().Invoke(context, _ =>
        {
            called = true;
            return Task.CompletedTask;
        });

        Assert.True(called);
    }

    /// <summary>A function invocation as the worker hands it to middleware; an HTTP one carries the ASP.NET Core context.</summary>
    private static FunctionContext TestFunctionContext(IServiceProvider services, HttpContext? http)
    {
        var items = new Dictionary<object, object>();
        if (http is not null)
        {
            // the key under which the worker's ASP.NET Core integration stores the request (its GetHttpContext reads it)
            items["HttpRequestContext"] = http;
        }
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(items);
        context.SetupGet(c => c.InstanceServices).Returns(services);
        context.SetupGet(c => c.InvocationId).Returns(Guid.NewGuid().ToString());
        return context.Object;
    }
}
