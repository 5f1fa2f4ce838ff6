using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Http;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>
/// Nothing in the Standalone host's pipeline answers an error with an empty body: here a middleware behind every route
/// (standing for anything ASP.NET Core refuses before a handler) answers a bare 418, and the client still gets problem+json.
/// </summary>
public sealed class PipelineProblemTests(TestServices services)
    : ApiTest(services, configure: s => s.AddTransient<IStartupFilter, BareStatusAtTheEnd>())
{
    [Fact]
    public async Task AnEmptyErrorAnswer_BecomesProblemJson()
    {
        var response = await Client.SendAsync(HttpMethod.Get, "/teapot");

        Assert.Equal(418, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await PortalClient.JsonAsync(response);
        Assert.Equal(Problems.TypeBase + "http-418", problem.GetProperty("type").GetString());
        Assert.Equal(418, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task TheApi_StillAnswersAsBefore()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Get, "/api/health")).StatusCode);
    }

    private sealed class BareStatusAtTheEnd : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status418ImATeapot;
                return Task.CompletedTask;
            });
        };
    }
}
