using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PortalAccess.Http;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>
/// One walk through every function of the API, each step checking an answer that only its own handler gives (a
/// status, a body, a side effect the next step sees), so an adapter wired to the wrong handler fails here. On the
/// worker it also proves that the test host invoked every route's function and the mail queue trigger.
/// </summary>
public abstract class RouteTourTests(TestServices services, HostKind host) : ApiTest(services, host)
{
    public sealed class OnStandalone(TestServices services) : RouteTourTests(services, HostKind.Standalone);

    public sealed class OnWorker(TestServices services) : RouteTourTests(services, HostKind.Worker);

    [Fact]
    public async Task EveryFunction_AnswersFromItsOwnHandler()
    {
        Assert.Equal("ok", (await GetJsonAsync("/api/health")).GetProperty("status").GetString());
        Assert.Equal("EC", (await GetJsonAsync("/api/.well-known/jwks.json")).GetProperty("keys")[0].GetProperty("kty").GetString());
        Assert.Equal(15, (await GetJsonAsync("/api/areas")).GetArrayLength());
        Assert.Equal(7, (await GetJsonAsync("/api/desk-features")).GetArrayLength());

        // PutCustomer, then MailOutbox sends the owner's activation mail: CheckActivation, Activate, Login
        var number = PortalClient.NewCustomerNumber();
        var ownerEmail = PortalClient.NewEmail("owner");
        var customer = await Client.ProvisionCustomerAsync(number, ownerEmail);
        Assert.Equal(HttpStatusCode.Created, customer.StatusCode);
        Assert.Equal(number, (await PortalClient.JsonAsync(customer)).GetProperty("customerNumber").GetString());
        var activation = await Client.LinkTokenAsync(ownerEmail);
        var link = await PostJsonAsync("/api/auth/activation/check", new { token = activation }, HttpStatusCode.OK);
        Assert.Equal("activation", link.GetProperty("purpose").GetString());
        await Client.ActivateAsync(activation, PortalClient.Password);
        var owner = await Client.LoginAsync(number, PortalClient.Password);

        var refreshed = await PostJsonAsync("/api/auth/refresh", new { refreshToken = owner.RefreshToken }, HttpStatusCode.OK);
        Assert.NotEqual(owner.RefreshToken, refreshed.GetProperty("refreshToken").GetString());
        var token = refreshed.GetProperty("accessToken").GetString()!;
        Assert.Equal("owner", (await GetJsonAsync("/api/me", token)).GetProperty("kind").GetString());

        var userId = await CrudAsync("/api/users", token,
            new { name = "Erika Muster", email = PortalClient.NewEmail(), areas = new[] { "invoices" } },
            new { name = "Erika Beispiel", email = PortalClient.NewEmail(), areas = new[] { "invoices", "shop" } });
        var deskId = await CrudAsync("/api/officedesks", token,
            new { name = "Empfang", email = PortalClient.NewEmail("desk"), extension = "201", features = new[] { "voicemail" } },
            new { name = "Empfang Nord", email = PortalClient.NewEmail("desk"), extension = "202", features = new[] { "fax" } });
        Assert.NotEqual(userId, deskId);

        // TelephonyEventsHandshake and ReceiveTelephonyEvents: a WebRTC device becomes a desk
        using (var handshake = new HttpRequestMessage(HttpMethod.Options, "/api/events/telephony"))
        {
            handshake.Headers.Add("x-functions-key", PortalApp.SystemKey);
            handshake.Headers.Add("WebHook-Request-Origin", "telephony.example");
            var answer = await Client.Http.SendAsync(handshake);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("telephony.example", answer.Headers.GetValues("WebHook-Allowed-Origin").Single());
        }
        var deviceId = Guid.NewGuid().ToString("N");
        var received = await new TelephonySender(Client.Http).SendAsync(TelephonySender.Event("pbx.device.created",
            new { customerNumber = number, deviceId, deviceType = "webrtc", extension = "42", userName = "Max Web", userEmail = PortalClient.NewEmail("webrtc") }));
        Assert.Equal(HttpStatusCode.OK, received.StatusCode);
        Assert.Equal(1, (await PortalClient.JsonAsync(received)).GetProperty("applied").GetInt32());
        Assert.Contains((await GetJsonAsync("/api/officedesks", token)).GetProperty("items").EnumerateArray(),
            d => d.GetProperty("deviceId").GetString() == deviceId);

        var actions = (await GetJsonAsync("/api/audit", token)).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("user.deleted", actions);
        Assert.Contains("desk.created", actions);

        // RequestPasswordReset, CheckPasswordReset, ConfirmPasswordReset, ChangeMyPassword, Logout
        Assert.Equal(HttpStatusCode.Accepted, (await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset", new { login = number })).StatusCode);
        var reset = PortalClient.TokenIn(await MailTextAsync(ownerEmail, nth: 2));
        Assert.Equal("password-reset", (await PostJsonAsync("/api/auth/password-reset/check", new { token = reset }, HttpStatusCode.OK)).GetProperty("purpose").GetString());
        Assert.Equal(HttpStatusCode.Gone, (await Client.SendAsync(HttpMethod.Post, "/api/auth/activation/check", new { token = reset })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(HttpMethod.Post, "/api/auth/password-reset/confirm",
            new { token = reset, password = "a reset long password" })).StatusCode);
        var again = await Client.LoginAsync(number, "a reset long password");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(HttpMethod.Put, "/api/me/password",
            new { currentPassword = "a reset long password", newPassword = "a changed long password" }, again.AccessToken)).StatusCode);
        var last = await Client.LoginAsync(number, "a changed long password");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(HttpMethod.Post, "/api/auth/logout", new { refreshToken = last.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = last.RefreshToken })).StatusCode);

        // DeleteCustomer: the owner can no longer sign in
        using (var erase = new HttpRequestMessage(HttpMethod.Delete, $"/api/customers/{number}"))
        {
            erase.Headers.Add("x-functions-key", PortalApp.SystemKey);
            Assert.Equal(HttpStatusCode.NoContent, (await Client.Http.SendAsync(erase)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.TryLoginAsync(number, "a changed long password")).StatusCode);

        if (App is WorkerApp worker)
        {
            // the route-miss functions are walked by RouteOrderTests
            var tourable = worker.Functions.Where(f => f.TriggerType != "httpTrigger" || PortalApi.Routes.Any(r => r.Name == f.Name));
            Assert.Empty(tourable.Select(f => f.Name).Except(worker.InvokedFunctions));
        }
        AssertEveryRowStatesTheAnswerItsHandlerGave();
    }

    /// <summary>
    /// The route table states each success answer for the OpenAPI document (status, body type). Every success of the tour
    /// must be the status its row states, with a body that has every property of the row's type (those left out when null
    /// may be missing) and no other, or no body when it names none.
    /// </summary>
    private void AssertEveryRowStatesTheAnswerItsHandlerGave()
    {
        foreach (var route in PortalApi.Routes)
        {
            var path = new Regex($"^/{ApiRoutes.Prefix}/{string.Join("[^/]+", Regex.Split(route.Template, @"\{[^}]+\}").Select(Regex.Escape))}$");
            var successes = Responses.Where(r => r.Method == route.Method && path.IsMatch(r.Path) && (int)r.Status is >= 200 and < 300).ToList();
            Assert.True(successes.Count > 0, $"The tour saw no success of {route.Name}.");
            var (required, all) = PropertiesOf(route.Response);
            Assert.All(successes, r =>
            {
                Assert.True((int)r.Status == route.Status, $"{route.Name} answered {(int)r.Status}; its row states {route.Status}.");
                var answered = PropertiesOf(r.Body);
                Assert.True(required.IsSubsetOf(answered) && answered.IsSubsetOf(all),
                    $"{route.Name} answered {r.Body}; its row states {route.Response?.Name ?? "no body"}.");
            });
        }
    }

    /// <summary>The JSON property names of a response type (of its items, for a list): those always written, and all; none for no type.</summary>
    private static (HashSet<string> Required, HashSet<string> All) PropertiesOf(Type? type)
    {
        var item = type?.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        var properties = (type is null || type == typeof(string) ? null : item ?? type)?.GetProperties() ?? [];
        string Name(PropertyInfo p) => JsonNamingPolicy.CamelCase.ConvertName(p.Name);
        return (properties.Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null).Select(Name).ToHashSet(StringComparer.Ordinal),
            properties.Select(Name).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The property names of a JSON body (of its first item, for an array); none for no body.</summary>
    private static HashSet<string> PropertiesOf(string body)
    {
        if (body.Length == 0)
        {
            return [];
        }
        var json = JsonDocument.Parse(body).RootElement;
        var shape = json.ValueKind == JsonValueKind.Array ? json[0] : json;
        return shape.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The access each row states (and the OpenAPI document publishes as its security) is what the route demands: without
    /// credentials, a bearer route answers 401 with a Bearer challenge, a system route 401, and a public route never asks for either.
    /// </summary>
    [Fact]
    public async Task EveryRoute_DemandsExactlyTheAccessItsRowStates()
    {
        foreach (var route in PortalApi.Routes)
        {
            var path = "/" + ApiRoutes.Prefix + "/" + Regex.Replace(route.Template, @"\{[^}]+\}", "some-id");
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), path)
            {
                Content = route.Method is "GET" or "OPTIONS" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
            };
            var response = await Client.Http.SendAsync(request);
            var challenged = response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer");
            var (unauthorized, expectChallenge) = route.Access switch
            {
                RouteAccess.Bearer => (true, true),
                RouteAccess.SystemKey => (true, false),
                _ => (false, false),
            };
            Assert.True(unauthorized == (response.StatusCode == HttpStatusCode.Unauthorized) && challenged == expectChallenge,
                $"{route.Name} ({route.Access}) answered {(int)response.StatusCode} without credentials, challenge: {challenged}.");
        }
    }

    /// <summary>List, Create, Get, Update, ResendActivation and Delete of one collection; answers the id it created.</summary>
    private async Task<string> CrudAsync(string collection, string token, object create, object update)
    {
        var created = await Client.SendAsync(HttpMethod.Post, collection, create, token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await PortalClient.JsonAsync(created)).GetProperty("id").GetString()!;
        Assert.Equal($"{collection}/{id}", created.Headers.Location!.ToString());

        Assert.Contains((await GetJsonAsync(collection, token)).GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        var read = await Client.SendAsync(HttpMethod.Get, $"{collection}/{id}", token: token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(id, (await PortalClient.JsonAsync(read)).GetProperty("id").GetString());

        var updated = await Client.SendAsync(HttpMethod.Put, $"{collection}/{id}", update, token, ifMatch: read.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(JsonSerializer.SerializeToElement(update).GetProperty("name").GetString(), (await PortalClient.JsonAsync(updated)).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await Client.SendAsync(HttpMethod.Post, $"{collection}/{id}/activation-mail", token: token)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(HttpMethod.Delete, $"{collection}/{id}", token: token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(HttpMethod.Get, $"{collection}/{id}", token: token)).StatusCode);
        return id;
    }

    private async Task<JsonElement> GetJsonAsync(string path, string? token = null)
    {
        var response = await Client.SendAsync(HttpMethod.Get, path, token: token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> PostJsonAsync(string path, object body, HttpStatusCode expected)
    {
        var response = await Client.SendAsync(HttpMethod.Post, path, body);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>
/// The worker loads exactly the library's route table from the build's functions.metadata, the route-miss functions
/// (<see cref="RouteMisses"/>) and the mail queue trigger.
/// </summary>
public sealed class WorkerFunctionsTests(TestServices services) : ApiTest(services, HostKind.Worker)
{
    [Fact]
    public void Worker_LoadsEveryRouteOfTheTable_WithItsMethodAndAuthLevel_TheRouteMisses_AndTheMailOutboxTrigger()
    {
        var worker = (WorkerApp)App;
        var table = PortalApi.Routes.ToDictionary(r => r.Name);
        var http = worker.Functions.Where(f => f.TriggerType == "httpTrigger").ToList();
        Assert.Equal(
            table.Values.Select(r => $"{r.Name} {r.Method} {r.Template} {(r.Access == RouteAccess.SystemKey ? "Function" : "Anonymous")}").Order(StringComparer.Ordinal),
            http.Where(f => table.ContainsKey(f.Name)).Select(f => $"{f.Name} {string.Join(",", f.Methods).ToUpperInvariant()} {f.Route} {f.AuthLevel}").Order(StringComparer.Ordinal));

        var misses = RouteMisses.MethodGroups().Select(g => $"{string.Join(",", g.MissingMethods)} {g.Route} Anonymous")
            .Append($" {RouteMisses.UnknownPathRoute()} Anonymous");
        Assert.Equal(misses.Order(StringComparer.Ordinal),
            http.Where(f => !table.ContainsKey(f.Name)).Select(f => $"{string.Join(",", f.Methods).ToUpperInvariant()} {f.Route} {f.AuthLevel}").Order(StringComparer.Ordinal));

        var queued = Assert.Single(worker.Functions, f => f.TriggerType != "httpTrigger");
        Assert.Equal(("MailOutbox", "queueTrigger", Storage.StorageNames.MailOutboxQueue), (queued.Name, queued.TriggerType, queued.QueueName));
    }
}
