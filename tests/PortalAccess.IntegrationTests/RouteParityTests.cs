using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Http;
using PortalAccess.IntegrationTests.Infrastructure;
using PortalAccess.IntegrationTests.Support;

namespace PortalAccess.IntegrationTests;

/// <summary>The Standalone host exposes exactly the library's route table (the Functions adapters are checked in PortalAccess.Functions.Tests).</summary>
public class RouteParityTests(TestServices services) : ApiTest(services)
{
    [Fact]
    public void StandaloneHost_ExposesExactlyTheRouteTable()
    {
        var exposed = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal).ToList();
        var table = ApiRoutes.All.Select(r => $"{r.Method} /{ApiRoutes.Prefix}/{r.Template}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(table, exposed);
    }
}
