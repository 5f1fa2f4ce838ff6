using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Catalogs;
using PortalAccess.Functions.Tests.Support;

namespace PortalAccess.Functions.Tests;

/// <summary>
/// The adapters, resolved from the library's services as the worker does, pass the request on and answer what the
/// library answers. Only paths that end before storage are exercised; the integration tests cover the rest.
/// </summary>
public sealed class AdapterTests : IDisposable
{
    private readonly ServiceProvider services = FunctionServices.Build();

    public void Dispose() => services.Dispose();

    public static TheoryData<Type> FunctionClasses => new(FunctionCatalog.Classes);

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public void EveryFunctionClass_IsBuiltFromTheLibraryServices(Type functionClass)
    {
        Assert.NotNull(ActivatorUtilities.CreateInstance(services, functionClass));
    }

    [Fact]
    public async Task GetAreas_Answers200_WithTheFifteenAreas()
    {
        var functions = FunctionServices.Create<CatalogFunctions>(services);

        var answer = await FunctionServices.ExecuteAsync(functions.GetAreas(FunctionServices.Request()), services);

        Assert.Equal(200, answer.Status);
        Assert.Equal(JsonValueKind.Array, answer.Body.ValueKind);
        Assert.Equal(15, answer.Body.GetArrayLength());
        Assert.Equal(Catalog.Areas.Select(a => a.Id), answer.Body.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal("Benutzerverwaltung", answer.Body.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "user-management")
            .GetProperty("label").GetProperty("de").GetString());
    }

    [Fact]
    public async Task GetDeskFeatures_Answers200_WithTheSevenFeatures()
    {
        var functions = FunctionServices.Create<CatalogFunctions>(services);

        var answer = await FunctionServices.ExecuteAsync(functions.GetDeskFeatures(FunctionServices.Request()), services);

        Assert.Equal(200, answer.Status);
        Assert.Equal(Catalog.DeskFeatures.Select(f => f.Id), answer.Body.EnumerateArray().Select(f => f.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task GetMe_WithoutBearerToken_Answers401_WithBearerChallenge()
    {
        var functions = FunctionServices.Create<AuthFunctions>(services);

        var answer = await FunctionServices.ExecuteAsync(await functions.GetMe(FunctionServices.Request(), CancellationToken.None), services);

        Assert.Equal(401, answer.Status);
        Assert.Equal("Bearer", answer.Headers.WWWAuthenticate.ToString());
        Assert.EndsWith("/unauthorized", answer.Body.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUser_WithABasicAuthorizationHeader_Answers401()
    {
        var functions = FunctionServices.Create<UserFunctions>(services);

        var result = await functions.GetUser(FunctionServices.Request(authorization: "Basic b3duZXI6c2VjcmV0"), "some-user", CancellationToken.None);
        var answer = await FunctionServices.ExecuteAsync(result, services);

        Assert.Equal(401, answer.Status);
        Assert.Equal("Bearer", answer.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task PutCustomer_PassesTheRouteValue_AndAnswers400ForAnInvalidCustomerNumber()
    {
        var functions = FunctionServices.Create<CustomerFunctions>(services);

        var result = await functions.PutCustomer(FunctionServices.Request("""{"name":"Muster GmbH","email":"info@muster.example"}"""), "0-not-a-number", CancellationToken.None);
        var answer = await FunctionServices.ExecuteAsync(result, services);

        Assert.Equal(400, answer.Status);
        Assert.True(answer.Body.GetProperty("errors").TryGetProperty("customerNumber", out _));
    }
}
