using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Http;
using PortalAccess.Standalone;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>The Standalone host exposes exactly the library's route table (the Functions app's functions are generated from it: ApiFunctionsFileTests in PortalAccess.Functions.Tests).</summary>
public class RouteParityTests(TestServices services) : ApiTest(services)
{
    [Fact]
    public void StandaloneHost_ExposesExactlyTheRouteTable()
    {
        var exposed = Standalone.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText != StandaloneHost.OpenApiRoute)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal).ToList();
        var table = PortalApi.Routes.Select(r => $"{r.Method} /{ApiRoutes.Prefix}/{r.Template}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(table, exposed);
    }

    /// <summary>
    /// The published OpenAPI 3.1 document covers every route, and docs/openapi.json is that document
    /// (run with UPDATE_OPENAPI=1 to rewrite it after a change of the route table).
    /// </summary>
    [Fact]
    public async Task OpenApiDocument_CoversTheRouteTable_AndMatchesDocsOpenApiJson()
    {
        var text = await Client.Http.GetStringAsync(StandaloneHost.OpenApiRoute);
        using var document = System.Text.Json.JsonDocument.Parse(text);
        Assert.StartsWith("3.1", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.RootElement.GetProperty("paths");
        foreach (var route in PortalApi.Routes)
        {
            Assert.True(paths.TryGetProperty($"/{ApiRoutes.Prefix}/{route.Template}", out var path), route.Template);
            Assert.True(path.TryGetProperty(route.Method.ToLowerInvariant(), out _), $"{route.Method} {route.Template}");
        }
        var committed = Path.Combine(RepoPaths.Root, "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committed, text.ReplaceLineEndings("\n"));
        }
        Assert.True(File.Exists(committed), "docs/openapi.json is missing: run the tests once with UPDATE_OPENAPI=1");
        Assert.Equal((await File.ReadAllTextAsync(committed)).ReplaceLineEndings("\n").Trim(), text.ReplaceLineEndings("\n").Trim());
    }
}
