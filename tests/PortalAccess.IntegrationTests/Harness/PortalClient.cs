using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>A signed-in principal as the tests hold it.</summary>
public sealed record Session(string Login, string Password, string AccessToken, string RefreshToken, JsonElement Principal)
{
    public string Id => Principal.GetProperty("id").GetString()!;
}

/// <summary>Drives the API over HTTP the way a frontend would; reads link tokens from the mails in MailDev.</summary>
public sealed partial class PortalClient(HttpClient http, Func<string, Task<string>> mailTextTo)
{
    public const string Password = "correct horse battery staple";

    public HttpClient Http => http;

    public static string NewEmail(string who = "user") => $"{who}.{Guid.NewGuid():N}@example.test".ToLowerInvariant();

    public static string NewCustomerNumber() => "C" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? token = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> ProvisionCustomerAsync(string customerNumber, string ownerEmail)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{customerNumber}")
        {
            Content = JsonContent.Create(new { name = "Test GmbH", email = ownerEmail }),
        };
        request.Headers.Add("x-functions-key", PortalApp.SystemKey);
        return await http.SendAsync(request);
    }

    /// <summary>A new customer whose owner has activated and signed in.</summary>
    public async Task<Session> NewOwnerAsync()
    {
        var number = NewCustomerNumber();
        var email = NewEmail("owner");
        (await ProvisionCustomerAsync(number, email)).EnsureSuccessStatusCode();
        await ActivateAsync(await LinkTokenAsync(email), Password);
        return await LoginAsync(number, Password);
    }

    /// <summary>Creates a user as <paramref name="admin"/>, activates it from its mail and signs it in.</summary>
    public async Task<Session> NewUserAsync(Session admin, params string[] areas)
    {
        var email = NewEmail();
        var created = await SendAsync(HttpMethod.Post, "/api/users", new { name = "Test User", email, areas }, admin.AccessToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await ActivateAsync(await LinkTokenAsync(email), Password);
        return await LoginAsync(email, Password);
    }

    public async Task<string> LinkTokenAsync(string email)
    {
        return TokenIn(await mailTextTo(email));
    }

    /// <summary>The link token in a mail's text.</summary>
    public static string TokenIn(string mailText) =>
        TokenPattern().Match(mailText) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No link in: " + mailText);

    public async Task ActivateAsync(string token, string password)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/auth/activation", new { token, password });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>A sign-in attempt, whatever it answers.</summary>
    public Task<HttpResponseMessage> TryLoginAsync(string login, string password) =>
        SendAsync(HttpMethod.Post, "/api/auth/login", new { login, password });

    public async Task<Session> LoginAsync(string login, string password)
    {
        var response = await TryLoginAsync(login, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Session(login, password, json.GetProperty("accessToken").GetString()!, json.GetProperty("refreshToken").GetString()!,
            json.GetProperty("principal"));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    [GeneratedRegex(@"#token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();
}
