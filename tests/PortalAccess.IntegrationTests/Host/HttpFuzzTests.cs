using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Primitives;
using Microsoft.FSharp.Core;
using Microsoft.Net.Http.Headers;
using PortalAccess.Auth.Tokens;
using PortalAccess.Http;
using PortalAccess.OfficeDesks;
using PortalAccess.Storage;
using Xunit.Abstractions;

namespace PortalAccess.IntegrationTests.Host;

/// <summary>
/// Issue 12 point 1: FsCheck-generated garbage through HTTP at every route of the table (<see cref="FuzzInputs"/>), half of it
/// with valid credentials of a signed-in owner (the system key on system routes). Every answer must be 2xx or a 4xx problem,
/// what the 2xx answers created or removed must be wholly in the tables (and nothing else), and no secret sent or handed out
/// may appear in the host's log. <c>FUZZ_SEED</c> replays a run, <c>FUZZ_INPUTS</c> changes the number of inputs.
/// </summary>
/// <remarks>
/// What the fuzz generates (issue 26: it had never sent a header that is present and empty), and so what it does not:
/// <code>
/// part          generated                                                      not generated
/// ------------  -------------------------------------------------------------  ----------------------------------------------
/// method        the route's own (GET also as HEAD)                              other methods (RouteMissTests, RouteOrderTests)
/// path          real ids, suffixed ids, upper-cased ids, random hex, dot         paths of other routes; over 8 KiB
///               segments (also %2e), %00, invalid UTF-8, long segments
/// query         FuzzInputs.QueryClasses: absent, bare ?, no value, repeated,    over 8 KiB; ';' separators; raw non-ASCII
///               unknown parameters, pageSize at and past 1..200,                 or control bytes in the request line
///               continuation empty/broken/foreign/long, code, odd names
/// headers       FuzzInputs.VariedHeaders (Content-Type, Authorization,           other header names but the few extras; names
///               If-Match, x-functions-key, ce-*, Origin, X-Forwarded-For,        that are no tokens; line folding; Latin-1
///               WebHook-Request-Origin) each in every HeaderClass: absent,       bytes that are not UTF-8; a lying
///               typical, empty, blank, duplicated, odd-cased name, over-long,    Content-Length; Transfer-Encoding tricks
///               non-ASCII, control characters; garbage credentials; extras
/// body          well-formed and near-valid objects, broken JSON, truncated,     multipart, form bodies, compressed bodies
///               nested, huge (past 64 KiB), random bytes, BOM, UTF-16, invalid
///               UTF-8; CloudEvents structured, batched, binary
/// </code>
/// How the header classes reach the host: on Standalone (in memory) no bytes are on a wire; a case with a varied header is
/// handed to the server as an HttpContext with each header exactly as generated (HttpClient's in-memory handler drops an
/// empty value, and so never sent "Content-Type:"), so empty, blank, non-ASCII and control characters reach the app as
/// .NET characters, CR and LF too, which Kestrel would refuse with 400. On the worker they go over a socket as bytes:
/// non-ASCII as UTF-8 (the fuzz client's RequestHeaderEncodingSelector), over-long as they are (Kestrel's 431 past 32 KiB).
/// Control characters go over the socket as raw bytes too: HttpClient writes a value added with TryAddWithoutValidation as it
/// is, CR LF included (a header injected after it), and Kestrel refuses bare CR, LF, NUL and malformed lines with 400 before
/// any app code ("refused by Kestrel"). Nothing generated needs a socket of its own; what is not generated at all is above.
/// HttpClient also writes the names of the headers it knows (Content-Type, Authorization, If-Match, Origin) in their usual
/// case, so odd-cased names reach the host only for the others.
/// </remarks>
public abstract partial class HttpFuzzTests(TestServices services, HostKind host, ITestOutputHelper output) : ApiTest(services, host)
{
    public sealed class OnStandalone(TestServices services, ITestOutputHelper output) : HttpFuzzTests(services, HostKind.Standalone, output);

    public sealed class OnWorker(TestServices services, ITestOutputHelper output) : HttpFuzzTests(services, HostKind.Worker, output);

    /// <summary>Inputs per host: the worker's answers go through gRPC to another process, so it gets fewer in the same time.</summary>
    private int InputCount => int.TryParse(Environment.GetEnvironmentVariable("FUZZ_INPUTS"), CultureInfo.InvariantCulture, out var n) ? n
        : App.Kind == HostKind.Standalone ? 3_000 : 2_000;

    [Fact]
    public async Task EveryRoute_UnderGeneratedGarbage_Answers2xxOr4xxProblem_WritesWholly_AndLogsNoSecret()
    {
        var (targets, ledger) = await ArrangeAsync();
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : (ulong)Random.Shared.NextInt64();
        output.WriteLine($"{App.Kind}: {InputCount} inputs, FsCheck seed {seed} (replay: FUZZ_SEED={seed} FUZZ_INPUTS={InputCount})");
        var config = Config.QuickThrowOnFailure.WithMaxTest(InputCount).WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        using var http = FuzzClient(App);
        var property = Prop.ForAll(FuzzInputs.AnyRoute(PortalApi.Routes, targets).ToArbitrary(), (FuzzCase c) => ledger.Answer(http, c, App.Kind == HostKind.Standalone ? Standalone.Server : null));

        var watch = Stopwatch.StartNew();
        try
        {
            // FsCheck runs properties synchronously: off the test's synchronisation context, so blocking on HTTP cannot deadlock
            await Task.Run(() => Check.One(config, property));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            output.WriteLine($"FAILED after {ledger.Total} inputs; replay with FUZZ_SEED={seed} FUZZ_INPUTS={InputCount}");
            output.WriteLine(e.Message);
            throw;
        }
        finally
        {
            output.WriteLine($"{App.Kind}: {ledger.Total} inputs in {watch.Elapsed.TotalSeconds:F1} s");
            output.WriteLine(ledger.Table());
            output.WriteLine(ledger.ShapeTable());
        }

        await AssertPrincipalsWholeAsync(targets.CustomerNumber, ledger);
        await AssertAuditMatchesAsync(targets.CustomerNumber, ledger);
        await AssertListMatchesTableAsync(targets.AccessToken, ledger);
        foreach (var number in ledger.Customers)
        {
            await AssertCustomerWholeOrGoneAsync(number, ledger.CustomerExists(number));
        }
        AssertNoSecretLogged(ledger);
        output.WriteLine($"{App.Kind}: tables whole: {ledger.UserCount} users ({ledger.UsersCreated} created, {ledger.UsersDeleted} deleted), "
            + $"{ledger.ManualDeskCount} manual desks ({ledger.DesksCreated} created, {ledger.ManualDesksDeleted} deleted), "
            + $"{ledger.Customers.Count(ledger.CustomerExists)} of {ledger.Customers.Count()} fuzzed customers there");
    }

    /// <summary>
    /// The fuzz client: on the worker a socket client of its own that writes non-ASCII header values as UTF-8 bytes (the
    /// default refuses them), so they reach Kestrel as a client would send them; on Standalone the in-memory one.
    /// </summary>
    private static HttpClient FuzzClient(IPortalHost app)
    {
        if (app.Kind == HostKind.Standalone)
        {
            return app.CreateClient();
        }
        using var probe = app.CreateClient();
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8,
        };
        return new HttpClient(handler) { BaseAddress = probe.BaseAddress };
    }

    /// <summary>A signed-in owner with users and desks, a spare session and an activation link to aim at.</summary>
    private async Task<(FuzzTargets, FuzzLedger)> ArrangeAsync()
    {
        var owner = await Client.NewOwnerAsync();
        var spare = await Client.LoginAsync(owner.Login, PortalClient.Password);
        var users = new List<(string Id, string Email)>();
        for (var i = 0; i < 4; i++)
        {
            var email = PortalClient.NewEmail("fuzzed");
            var created = await Client.SendAsync(HttpMethod.Post, "/api/users", new { name = $"Target {i}", email, areas = new[] { "invoices", "shop" } },
                owner.AccessToken);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            users.Add(((await PortalClient.JsonAsync(created)).GetProperty("id").GetString()!, email));
        }
        var desks = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = await Client.SendAsync(HttpMethod.Post, "/api/officedesks",
                new { name = $"Desk {i}", email = PortalClient.NewEmail("fuzzdesk"), extension = $"20{i}", features = new[] { "voicemail" } }, owner.AccessToken);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            desks.Add((await PortalClient.JsonAsync(created)).GetProperty("id").GetString()!);
        }
        var link = await Client.LinkTokenAsync(users[0].Email);
        string[] spareCustomers = [.. Enumerable.Range(0, 3).Select(_ => "FZ" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture))];
        var targets = new FuzzTargets(owner.Login, owner.Id, owner.AccessToken, spare.RefreshToken, link,
            [.. users.Select(u => u.Id)], [.. users.Select(u => u.Email)], desks, spareCustomers);
        return (targets, new FuzzLedger(App.Kind, users.Select(u => u.Id), desks, spareCustomers, [owner.AccessToken, owner.RefreshToken, spare.AccessToken, spare.RefreshToken, link, PortalApp.SystemKey, PortalClient.Password]));
    }

    /// <summary>
    /// Every principal of the customer has its login in the index, pointing back at it; every index row of the customer belongs
    /// to one of its principals; every grant row has its principal; and there are exactly the users and manual desks that the
    /// 2xx answers said.
    /// </summary>
    private async Task AssertPrincipalsWholeAsync(string customer, FuzzLedger ledger)
    {
        var rows = await RowsAsync(StorageNames.AccountsTable, TableClient.CreateQueryFilter($"PartitionKey eq {customer}"));
        var principals = rows.Where(r => !r.RowKey.Contains(AccountRowMarkers.Grant, StringComparison.Ordinal)).ToList();
        var keys = principals.Select(p => p.RowKey).ToHashSet(StringComparer.Ordinal);
        Assert.All(rows.Where(r => r.RowKey.Contains(AccountRowMarkers.Grant, StringComparison.Ordinal)),
            g => Assert.Contains(g.RowKey[..g.RowKey.IndexOf(AccountRowMarkers.Grant, StringComparison.Ordinal)], keys));

        var logins = App.Storage.Table(StorageNames.LoginsTable);
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var principal in principals)
        {
            var login = principal.GetString("Login");
            Assert.False(string.IsNullOrEmpty(login), $"{principal.RowKey} has no login.");
            var entry = await logins.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(login), "login");
            Assert.True(entry.HasValue, $"{principal.RowKey} ({login}) has no login index row.");
            Assert.Equal((customer, IdOf(principal)), (entry.Value!.GetString("CustomerNumber"), entry.Value.GetString("PrincipalId")));
            indexed.Add(entry.Value.PartitionKey);
        }
        var ownIndexRows = await RowsAsync(StorageNames.LoginsTable, TableClient.CreateQueryFilter($"CustomerNumber eq {customer}"));
        Assert.All(ownIndexRows, r => Assert.True(indexed.Contains(r.PartitionKey), $"Index row {r.PartitionKey} points at {r.GetString("PrincipalId")}, which does not carry that login."));

        var users = principals.Where(p => p.RowKey.StartsWith("user|", StringComparison.Ordinal)).Select(IdOf).Order(StringComparer.Ordinal);
        Assert.Equal(ledger.Users.Order(StringComparer.Ordinal), users);
        var manualDesks = principals.Where(p => p.RowKey.StartsWith("desk|", StringComparison.Ordinal) && p.GetString("Source") == DeskSources.Manual)
            .Select(IdOf).Order(StringComparer.Ordinal);
        Assert.Equal(ledger.ManualDesks.Order(StringComparer.Ordinal), manualDesks);
    }

    /// <summary>Each create and delete that answered 2xx is in the audit trail once, and none that did not.</summary>
    private async Task AssertAuditMatchesAsync(string customer, FuzzLedger ledger)
    {
        var entries = await RowsAsync(StorageNames.AuditTable, TableClient.CreateQueryFilter($"PartitionKey eq {customer}"));
        int Count(string action) => entries.Count(e => e.GetString("Action") == action && e.GetString("ActorId") != "telephony");
        Assert.Equal((ledger.UsersCreated, ledger.UsersDeleted, ledger.DesksCreated, ledger.ManualDesksDeleted),
            (Count("user.created"), Count("user.deleted"), Count("desk.created"), Count("desk.deleted")));
    }

    /// <summary>The API lists exactly the users in the table.</summary>
    private async Task AssertListMatchesTableAsync(string ownerToken, FuzzLedger ledger)
    {
        var list = await PortalClient.JsonAsync(await Client.SendAsync(HttpMethod.Get, "/api/users?pageSize=200", token: ownerToken));
        Assert.Equal(ledger.Users.Order(StringComparer.Ordinal),
            list.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
    }

    /// <summary>A customer that a PUT created is there with its owner and the owner's login; one erased (or never created) left no row anywhere.</summary>
    private async Task AssertCustomerWholeOrGoneAsync(string number, bool exists)
    {
        var rows = await RowsAsync(StorageNames.AccountsTable, TableClient.CreateQueryFilter($"PartitionKey eq {number}"));
        var index = await RowsAsync(StorageNames.LoginsTable, TableClient.CreateQueryFilter($"CustomerNumber eq {number}"));
        if (!exists)
        {
            Assert.True(rows.Count == 0 && index.Count == 0, $"Customer {number} should not exist, but has {rows.Count} account and {index.Count} index rows.");
            return;
        }
        var owner = Assert.Single(rows, r => r.RowKey.StartsWith("owner|", StringComparison.Ordinal));
        Assert.Contains(index, r => r.PartitionKey == TableKeys.Escape(owner.GetString("Login")) && r.GetString("PrincipalId") == IdOf(owner));
    }

    /// <summary>No password, token, refresh token, link token or key that was sent or handed out appears in any log line of the host.</summary>
    private void AssertNoSecretLogged(FuzzLedger ledger)
    {
        var lines = App.Logs.Lines.ToList();
        var secrets = ledger.Secrets.Where(s => s.Length >= 16).Distinct(StringComparer.Ordinal).ToList();
        output.WriteLine($"{App.Kind}: {secrets.Count} distinct secrets searched in {lines.Count} log lines");
        foreach (var line in lines)
        {
            Assert.False(SecretPattern().IsMatch(line), $"A generated secret or a JWT was logged: {line}");
            var leaked = secrets.Find(s => line.Contains(s, StringComparison.Ordinal));
            Assert.True(leaked is null, $"A secret was logged: {line}");
        }
    }

    // generated passwords and refresh tokens (FuzzInputs.Secret), and anything shaped like a JWT
    [GeneratedRegex(@"(pw|rt)-[A-Za-z0-9]{20}|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")]
    private static partial Regex SecretPattern();

    private static string IdOf(TableEntity principal) => principal.RowKey[(principal.RowKey.IndexOf('|', StringComparison.Ordinal) + 1)..];

    private async Task<List<TableEntity>> RowsAsync(string table, string filter)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in App.Storage.Table(table).QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }
        return rows;
    }

    private static class AccountRowMarkers
    {
        public const string Grant = "|g|";
    }

    /// <summary>
    /// Sends the fuzzed requests, checks each answer, and keeps what the 2xx answers did (principals and customers created
    /// or removed, tokens handed out) and every secret sent, for the checks after the run; counts inputs per route group.
    /// </summary>
    private sealed class FuzzLedger(
        HostKind host, IEnumerable<string> users, IEnumerable<string> desks, IEnumerable<string> spareCustomers, IEnumerable<string> secrets)
    {
        private readonly HashSet<string> users = [.. users];
        private readonly HashSet<string> manualDesks = [.. desks];
        private readonly HashSet<string> knownManualDesks = [.. desks];
        private readonly Dictionary<string, bool> customers = spareCustomers.ToDictionary(c => c, _ => false, StringComparer.Ordinal);
        private readonly ConcurrentBag<string> secrets = [.. secrets];
        private readonly ConcurrentDictionary<(string Group, bool Credentialed), int[]> counts = new();

        public int Total => counts.Values.Sum(c => c[0]);

        public IReadOnlyCollection<string> Users => users;

        public IReadOnlyCollection<string> ManualDesks => manualDesks;

        public int UserCount => users.Count;

        public int ManualDeskCount => manualDesks.Count;

        public int UsersCreated { get; private set; } = users.Count();

        public int UsersDeleted { get; private set; }

        public int DesksCreated { get; private set; } = desks.Count();

        public int ManualDesksDeleted { get; private set; }

        public IEnumerable<string> Customers => customers.Keys;

        public IEnumerable<string> Secrets => secrets;

        public bool CustomerExists(string number) => customers[number];

        /// <summary>Sends one case: it must answer 2xx or 4xx, and every 4xx (but to HEAD) as a problem.</summary>
        public void Answer(HttpClient http, FuzzCase c, TestServer? inMemory)
        {
            foreach (var secret in c.Secrets)
            {
                secrets.Add(secret);
            }
            if (inMemory is not null && c.Shapes.Count > 0)
            {
                if (SendInMemory(inMemory, c) is { } answered)
                {
                    Check(c, answered);
                }
                else
                {
                    // a NUL in the path, as above
                    Count(c, 0);
                }
                return;
            }
            using var request = c.ToRequest();
            HttpResponseMessage response;
            try
            {
                response = http.SendAsync(request).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException e) when (e.StackTrace?.Contains("Microsoft.AspNetCore.TestHost.ClientHandler.SendAsync", StringComparison.Ordinal) == true)
            {
                // the in-memory client cannot carry it (a NUL in the path); Kestrel refuses such a request line before any app code
                Count(c, 0);
                return;
            }
            catch (HttpRequestException) when (host == HostKind.Worker && c.HasControlCharacters)
            {
                // should HttpClient refuse to write a control character into a header (HeaderClass.Control): the case was not sent
                Count(c, 0);
                return;
            }
            catch (HttpRequestException e)
            {
                Assert.Fail($"The host dropped the request: {e.Message}");
                throw;
            }
            using (response)
            {
                Check(c, new Answered((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                    response.Content.ReadAsStringAsync().GetAwaiter().GetResult(), response.Headers.ConnectionClose == true));
            }
        }

        /// <summary>
        /// A case with varied headers, handed to the in-memory Standalone host as an HttpContext with each header exactly as
        /// generated: HttpClient's in-memory handler drops a header whose value is empty, so "Content-Type:" never arrived.
        /// </summary>
        private static Answered? SendInMemory(TestServer server, FuzzCase c)
        {
            var uri = new Uri(new Uri("http://localhost"), c.Path);
            PathString path;
            try
            {
                path = PathString.FromUriComponent(uri);
            }
            catch (InvalidOperationException)
            {
                return null;
            }
            var context = server.SendAsync(http =>
            {
                var request = http.Request;
                request.Method = c.Method;
                request.Path = path;
                request.QueryString = QueryString.FromUriComponent(uri);
                var bytes = c.Body?.Bytes ?? [];
                // the indexer, not Append: Append drops a value that is empty, which is the point here
                if (c.Body is not null && c.ContentType is not null)
                {
                    request.Headers[HeaderNames.ContentType] = c.ContentType;
                }
                foreach (var (name, value) in c.Headers)
                {
                    request.Headers[name] = StringValues.Concat(request.Headers[name], value);
                }
                if (c.Body is not null || request.Headers.ContainsKey(HeaderNames.ContentType))
                {
                    request.ContentLength = bytes.Length;
                }
                request.Body = new MemoryStream(bytes);
            }).GetAwaiter().GetResult();
            using var reader = new StreamReader(context.Response.Body);
            return new Answered(context.Response.StatusCode, MediaTypeHeaderValue.TryParse(context.Response.ContentType, out var type) ? type.MediaType.Value : null,
                reader.ReadToEnd(), false);
        }

        private sealed record Answered(int Status, string? MediaType, string Body, bool ConnectionClose);

        /// <summary>One answer: 2xx or 4xx, and every 4xx (but to HEAD) as a problem; the 2xx answers are recorded.</summary>
        private void Check(FuzzCase c, Answered response)
        {
            var status = response.Status;
            var body = response.Body;
            if (host == HostKind.Worker && status == 401 && c.Route.Access == RouteAccess.SystemKey && body.Length == 0)
            {
                // the Functions host refuses a missing or wrong function key itself, with no body, before any app code
                Count(c, 1);
                return;
            }
            if (host == HostKind.Worker && status is 400 or 414 or 431 && body.Length == 0 && response.ConnectionClose)
            {
                // Kestrel in front of the worker refuses a request line or headers it cannot take (a NUL in the path,
                // over 8 KiB of URL, over 32 KiB of headers) and closes the connection, before any app code
                Count(c, 2);
                return;
            }
            if (host == HostKind.Worker && status == 404 && body.Length == 0 && LeavesTheApi(c.Path))
            {
                // dot segments (also as %2e) take the path out of api/{...}: the platform's own 404, as for any path outside the prefix
                Count(c, 3);
                return;
            }
            Count(c, status);
            Assert.True(status is >= 200 and < 300 or >= 400 and < 500, $"{c.Route.Name} answered {status}: {Shorten(body)}");
            if (status >= 400 && c.Method != "HEAD")
            {
                Assert.True(response.MediaType == "application/problem+json",
                    $"{c.Route.Name} answered {status} as {response.MediaType ?? "no content type"}: {Shorten(body)}");
            }
            if (status < 300)
            {
                Record(c, status, body);
            }
        }

        private void Record(FuzzCase c, int status, string body)
        {
            // as routed: Uri drops trailing blanks of a path, and the router takes "{id}/" for "{id}" (seed
            // 5003035029338506447 deleted a desk as ".../{id}/" with 204, which the ledger did not count)
            var id = c.Segment is null ? null : Uri.UnescapeDataString(c.Segment.TrimEnd().TrimEnd('/'));
            switch (c.Route.Name, status)
            {
                case ("CreateUser", 201):
                    users.Add(IdIn(body));
                    UsersCreated++;
                    break;
                case ("DeleteUser", 204):
                    Assert.True(users.Remove(id!), $"Deleted user {id} that was not there.");
                    UsersDeleted++;
                    break;
                case ("CreateOfficeDesk", 201):
                    var desk = IdIn(body);
                    manualDesks.Add(desk);
                    knownManualDesks.Add(desk);
                    DesksCreated++;
                    break;
                case ("DeleteOfficeDesk", 204):
                    if (knownManualDesks.Contains(id!))
                    {
                        Assert.True(manualDesks.Remove(id!), $"Deleted desk {id} twice.");
                        ManualDesksDeleted++;
                    }
                    break;
                case ("PutCustomer", 200 or 201):
                    customers[JsonDocument.Parse(body).RootElement.GetProperty("customerNumber").GetString()!] = true;
                    break;
                case ("DeleteCustomer", 204):
                    customers[id!.Trim().ToUpperInvariant()] = false;
                    break;
                case ("Login" or "Refresh", 200):
                    var tokens = JsonDocument.Parse(body).RootElement;
                    secrets.Add(tokens.GetProperty("accessToken").GetString()!);
                    secrets.Add(tokens.GetProperty("refreshToken").GetString()!);
                    break;
            }
        }

        /// <summary>Whether the path, its dot segments resolved as the server does (after decoding <c>%2e</c>), is the bare prefix or outside it.</summary>
        private static bool LeavesTheApi(string path)
        {
            var resolved = new Uri(new Uri("http://host"), path.Split('?')[0].Replace("%2e", ".", StringComparison.OrdinalIgnoreCase)).AbsolutePath;
            return !resolved.StartsWith($"/{ApiRoutes.Prefix}/", StringComparison.OrdinalIgnoreCase) || resolved.Length == ApiRoutes.Prefix.Length + 2;
        }

        private static string IdIn(string body) => JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

        private readonly ConcurrentDictionary<string, int> shapes = new(StringComparer.Ordinal);

        private void Count(FuzzCase c, int status)
        {
            var row = counts.GetOrAdd((c.Group, c.Credentialed), _ => new int[7]);
            Interlocked.Increment(ref row[0]);
            Interlocked.Increment(ref row[status switch { 0 => 3, 1 => 4, 2 => 5, 3 => 6, < 300 => 1, _ => 2 }]);
            foreach (var shape in c.Shapes.Append("query: " + c.QueryShape))
            {
                shapes.AddOrUpdate(shape, 1, (_, n) => n + 1);
            }
        }

        /// <summary>How many inputs had each header in each <see cref="HeaderClass"/>, and each class of query string.</summary>
        public string ShapeTable()
        {
            var classes = Enum.GetValues<HeaderClass>();
            var rows = FuzzInputs.VariedHeaders.Select(h => $"  {h,-24}" + string.Concat(classes.Select(k => $"{shapes.GetValueOrDefault($"{h}: {k}"),11}")));
            var query = string.Join(", ", FuzzInputs.QueryClasses.Select(q => $"{q} {shapes.GetValueOrDefault("query: " + q)}"));
            return string.Join(Environment.NewLine, rows.Prepend($"  {"header",-24}" + string.Concat(classes.Select(k => $"{k,11}"))).Append($"  query: {query}"));
        }

        /// <summary>Inputs per route group, with and without valid credentials, and how many answered 2xx and 4xx (or were refused before the app).</summary>
        public string Table() => string.Join(Environment.NewLine,
            counts.OrderBy(c => c.Key.Group, StringComparer.Ordinal).ThenBy(c => c.Key.Credentialed)
                .Select(c => $"  {c.Key.Group,-14} {(c.Key.Credentialed ? "credentialed" : "other auth"),-13} {c.Value[0],5} inputs: {c.Value[1],4} × 2xx, {c.Value[2],5} × 4xx{(c.Value[4] > 0 ? $" (+{c.Value[4]} × 401 of the platform's key check)" : "")}{(c.Value[5] > 0 ? $" (+{c.Value[5]} refused by Kestrel)" : "")}{(c.Value[6] > 0 ? $" (+{c.Value[6]} × 404 of the platform: path left the api prefix)" : "")}{(c.Value[3] > 0 ? $", {c.Value[3]} not sendable (in memory, or by HttpClient)" : "")}")
                .Prepend($"  {"route group",-14} {"credentials",-13} {"",5}"));

        private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";
    }
}
