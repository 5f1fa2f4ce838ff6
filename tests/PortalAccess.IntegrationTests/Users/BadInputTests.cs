using System.Net;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using PortalAccess.Http;

namespace PortalAccess.IntegrationTests.Users;

/// <summary>DESIGN.md rule 9: bad input gets a 4xx problem naming the field, and leaves nothing behind.</summary>
public abstract class BadInputTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    public sealed class OnStandalone(TestServices services) : BadInputTests(services, HostKind.Standalone);

    public sealed class OnWorker(TestServices services) : BadInputTests(services, HostKind.Worker);

    public static TheoryData<string, string> BadUserBodies => new()
    {
        // cut off: the body as a whole is not JSON, whatever property it stopped at
        { "{\"name\": \"A\", \"email\": ", "body" },
        { "{\"name\": \"A\", \"email\": \"{email}\", \"areas\": [],}", "body" },
        { "{\"name\": \"A\", \"email\": \"{email}\", \"areas\": [\"root\"]}", "areas" },
        { "{\"name\": \"A\", \"email\": \"{email}\", \"areas\": [\"shop\", \"shop\"]}", "areas" },
        { "{\"name\": \"" + new string('n', 101) + "\", \"email\": \"{email}\", \"areas\": []}", "name" },
        { "{\"name\": \"A\", \"email\": \"not-an-email\", \"areas\": []}", "email" },
        // control characters would forge a mail header or a log line: refused in a name and in an address
        { "{\"name\": \"A\\r\\nBcc: all@example.com\", \"email\": \"{email}\", \"areas\": []}", "name" },
        { "{\"name\": \"A\\u0000\", \"email\": \"{email}\", \"areas\": []}", "name" },
        { "{\"name\": \"A\", \"email\": \"\\\"a\\u0001b\\\"@example.com\", \"areas\": []}", "email" },
        { "{\"name\": \"A\", \"email\": \"{email}\", \"areas\": \"shop\"}", "areas" },
        { "{\"name\": 42, \"email\": \"{email}\", \"areas\": []}", "name" },
        { "[]", "body" },
        // a property name that is an escaped lone surrogate: valid JSON, but no text (the HTTP fuzz found a 500 here)
        { "{\"name\": \"A\", \"email\": \"{email}\", \"areas\": [], \"\\uD83D\": 1}", "body" },
    };

    [Theory]
    [MemberData(nameof(BadUserBodies))]
    public async Task Rule9_BadUserBody_Gets400NamingTheField_AndWritesNothing(string json, string field)
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        var response = await Client.SendAsync(HttpMethod.Post, "/api/users",
            new StringContent(json.Replace("{email}", email, StringComparison.Ordinal), Encoding.UTF8, "application/json"), owner.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True((await PortalClient.JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
        await AssertNoUsersAndNoMailAsync(owner, email);
    }

    /// <summary>The update path reads its body after finding the target: a bad body there is a 400 too, and the user stays as it was.</summary>
    [Fact]
    public async Task Rule9_BadBodyOnAnUpdate_Gets400NamingTheField_AndChangesNothing()
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        var created = await Client.SendAsync(HttpMethod.Post, "/api/users", new { name = "Kept", email, areas = new[] { "shop" } }, owner.AccessToken);
        var id = (await PortalClient.JsonAsync(created)).GetProperty("id").GetString();

        var response = await Client.SendAsync(HttpMethod.Put, $"/api/users/{id}",
            new StringContent($"{{\"name\": \"Changed\", \"email\": \"{email}\", \"areas\": \"shop\"}}", Encoding.UTF8, "application/json"),
            owner.AccessToken, ifMatch: created.Headers.ETag?.Tag);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await PortalClient.JsonAsync(response)).GetProperty("errors").TryGetProperty("areas", out _));
        var stored = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, $"/api/users/{id}", token: owner.AccessToken));
        Assert.Equal("Kept", stored.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Rule9_BodyOver64KiB_Gets413()
    {
        var owner = await Client.NewOwnerAsync();
        var json = $"{{\"name\": \"{new string('x', 70_000)}\", \"email\": \"a@b.de\", \"areas\": []}}";
        var response = await Client.SendAsync(HttpMethod.Post, "/api/users", new StringContent(json, Encoding.UTF8, "application/json"), owner.AccessToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("GET", "/api/no-such-route", 404, "not-found")]
    [InlineData("POST", "/api/users/some-id/not-a-child/either", 404, "not-found")]
    [InlineData("GET", "/api/users/some-id/not-a-child", 404, "not-found")]
    [InlineData("GET", "/api/USERS/some-id/activation-mail/", 405, "method-not-allowed")]
    [InlineData("DELETE", "/api/health", 405, "method-not-allowed")]
    [InlineData("HEAD", "/api/.well-known/jwks.json", 405, "method-not-allowed")]
    [InlineData("PATCH", "/api/users/some-id", 405, "method-not-allowed")]
    [InlineData("GET", "/api/customers/C1", 405, "method-not-allowed")]
    [InlineData("GET", "/api/events/telephony", 405, "method-not-allowed")]
    [InlineData("OPTIONS", "/api/me/password", 405, "method-not-allowed")]
    public async Task Rule9_UnknownRouteOrWrongMethod_GetsProblemJson(string method, string path, int status, string type)
    {
        var response = await Client.SendAsync(new HttpMethod(method), path);
        if (method == "HEAD")
        {
            // a HEAD answer has no body; its status and Allow are what count
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal(["GET"], response.Content.Headers.Allow);
            return;
        }

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await PortalClient.JsonAsync(response);
        Assert.Equal(Problems.TypeBase + type, problem.GetProperty("type").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        if (status == 405)
        {
            Assert.Equal(RouteMisses.AllowedMethods(path["/api/".Length..]).Order(), response.Content.Headers.Allow.Order());
            Assert.DoesNotContain(method, response.Content.Headers.Allow);
        }
    }

    /// <summary>Outside the route prefix there is no API: the Standalone host answers a problem, Azure the platform (the test host too).</summary>
    [Fact]
    public async Task Rule9_PathsOutsideTheApiPrefix_Get404()
    {
        var response = await Client.SendAsync(HttpMethod.Get, "/no-api-prefix/users");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        if (App.Kind == HostKind.Standalone)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Rule9_DuplicateEmail_IgnoringCase_Gets409_AlsoAcrossCustomers()
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "First", email, areas = Array.Empty<string>() }, owner.AccessToken)).StatusCode);
        var again = await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Second", email = email.ToUpperInvariant(), areas = Array.Empty<string>() }, owner.AccessToken);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var other = await Client.NewOwnerAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await Client.SendAsync(HttpMethod.Post, "/api/users",
            new { name = "Elsewhere", email, areas = Array.Empty<string>() }, other.AccessToken)).StatusCode);
        await Task.Delay(500);
        Assert.Equal(1, await MailCountAsync(email));
    }

    [Fact]
    public async Task Rule9_UnknownIds_Get404_AndBadPagingGets400()
    {
        var owner = await Client.NewOwnerAsync();
        foreach (var id in new[] { "0123456789abcdef0123456789abcdef", "nope", "..%2F..%2Fx" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Get, $"/api/users/{id}", token: owner.AccessToken)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Delete, $"/api/users/{id}", token: owner.AccessToken)).StatusCode);
        }
        foreach (var query in new[] { "pageSize=0", "pageSize=201", "pageSize=x", "continuation=%%%" })
        {
            var response = await Client.SendAsync(HttpMethod.Get, $"/api/users?{query}", token: owner.AccessToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Rule9_BadCustomerProvisioning_Gets400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/customers/0bad")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = "X", email = PortalClient.NewEmail() }),
        };
        request.Headers.Add("x-functions-key", PortalApp.SystemKey);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.Http.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.ProvisionCustomerAsync(PortalClient.NewCustomerNumber(), "no-mail")).StatusCode);
    }

    [Fact]
    public async Task Rule9_LoginWithMissingFields_Gets400_NotA500()
    {
        foreach (var json in new[] { "{}", "{\"login\": 5, \"password\": \"x\"}", "{\"login\": \"a@b.de\"}", "nonsense" })
        {
            var response = await Client.SendAsync(HttpMethod.Post, "/api/auth/login", new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Rule9_WrongTypes_Get400NamingEveryBadField()
    {
        var owner = await Client.NewOwnerAsync();
        var response = await Client.SendAsync(HttpMethod.Post, "/api/users",
            new StringContent("{\"name\": 42, \"email\": [\"a@b.de\"], \"areas\": \"shop\"}", Encoding.UTF8, "application/json"), owner.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await PortalClient.JsonAsync(response)).GetProperty("errors");
        Assert.Equal(["areas", "email", "name"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Rule9_BodyNotSentAsJson_Gets415_AndIsNotTriedAsASignIn(string? contentType)
    {
        var owner = await Client.NewOwnerAsync();
        var wrong = Encoding.UTF8.GetBytes($"{{\"login\":\"{owner.Login}\",\"password\":\"wrong password, guessed\"}}");
        // more wrong guesses than the lockout allows: none may count, since none is read as a sign-in
        for (var i = 0; i < 7; i++)
        {
            var content = new ByteArrayContent(wrong);
            if (contentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
            var response = await Client.SendAsync(HttpMethod.Post, "/api/auth/login", content);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Problems.TypeBase + "unsupported-media-type", (await PortalClient.JsonAsync(response)).GetProperty("type").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await Client.TryLoginAsync(owner.Login, PortalClient.Password)).StatusCode);
    }

    /// <summary>
    /// Issue 26: a Content-Type that is there but empty or blank on the events route was a 500 (System.Net.Mime threw on it);
    /// it is a type the route does not take, 415 as on the JSON routes, in structured form and in binary mode alike, and
    /// nothing of the event is applied.
    /// </summary>
    [Theory]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("", true)]
    [InlineData("\t", true)]
    [InlineData("text/plain", false)]
    [InlineData(null, false)]
    public async Task Rule9_EventsWithAnEmptyOrForeignContentType_Get415_AndApplyNothing(string? contentType, bool binary)
    {
        var owner = await Client.NewOwnerAsync();
        var email = PortalClient.NewEmail("desk");
        var data = $"{{\"customerNumber\":\"{owner.Login}\",\"deviceId\":\"dev-26\",\"deviceType\":\"webrtc\",\"extension\":\"226\",\"userName\":\"Issue 26\",\"userEmail\":\"{email}\"}}";
        var body = Encoding.UTF8.GetBytes(binary ? data
            : $"{{\"specversion\":\"1.0\",\"id\":\"{Guid.NewGuid():N}\",\"source\":\"/pbx\",\"type\":\"pbx.device.created\",\"data\":{data}}}");
        List<(string Name, string Value)> headers = [("x-functions-key", PortalApp.SystemKey)];
        if (binary)
        {
            headers.AddRange([("ce-specversion", "1.0"), ("ce-id", Guid.NewGuid().ToString("N")), ("ce-source", "/pbx"), ("ce-type", "pbx.device.created")]);
        }
        if (contentType is not null)
        {
            headers.Add(("Content-Type", contentType));
        }

        var (status, mediaType, problem) = await PostRawAsync("/api/events/telephony", headers, body);

        Assert.Equal(415, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal(Problems.TypeBase + "unsupported-media-type", problem.GetProperty("type").GetString());
        var desks = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/officedesks", token: owner.AccessToken));
        Assert.Equal(0, desks.GetProperty("items").GetArrayLength());
        await Task.Delay(300);
        Assert.Equal(0, await MailCountAsync(email));
    }

    /// <summary>Issue 26, the JSON routes alike: a Content-Type that is there but empty or blank is no JSON (415), on both hosts.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("\t")]
    public async Task Rule9_AnEmptyContentTypeOnAJsonRoute_Gets415(string contentType)
    {
        var (status, mediaType, problem) = await PostRawAsync("/api/auth/password-reset", [("Content-Type", contentType)], "{\"login\":\"nobody@example.test\"}"u8.ToArray());

        Assert.Equal(415, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal(Problems.TypeBase + "unsupported-media-type", problem.GetProperty("type").GetString());
    }

    /// <summary>
    /// A POST with its headers exactly as given. On the worker HttpClient writes them to the socket (an empty value as
    /// <c>Name:</c>); its in-memory handler drops a header whose value is empty, so on Standalone the request is handed to
    /// the in-memory server as an HttpContext, as Kestrel would give it to the app.
    /// </summary>
    private async Task<(int Status, string? MediaType, System.Text.Json.JsonElement Body)> PostRawAsync(string path, List<(string Name, string Value)> headers, byte[] body)
    {
        if (App.Kind == HostKind.Standalone)
        {
            var context = await Standalone.Server.SendAsync(http =>
            {
                http.Request.Method = "POST";
                http.Request.Path = path;
                foreach (var (name, value) in headers)
                {
                    // the indexer, not Append: Append drops a value that is empty, which is the point here
                    http.Request.Headers[name] = Microsoft.Extensions.Primitives.StringValues.Concat(http.Request.Headers[name], value);
                }
                http.Request.ContentLength = body.Length;
                http.Request.Body = new MemoryStream(body);
            });
            return (context.Response.StatusCode, Microsoft.Net.Http.Headers.MediaTypeHeaderValue.Parse(context.Response.ContentType).MediaType.Value,
                await System.Text.Json.JsonSerializer.DeserializeAsync<System.Text.Json.JsonElement>(context.Response.Body));
        }
        var content = new ByteArrayContent(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await Client.Http.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await PortalClient.JsonAsync(response));
    }

    private async Task AssertNoUsersAndNoMailAsync(Session owner, string email)
    {
        var list = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/users", token: owner.AccessToken));
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        await Task.Delay(300);
        Assert.Equal(0, await MailCountAsync(email));
    }
}
