using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PortalAccess.Auth;
using PortalAccess.Auth.Passwords;
using PortalAccess.Storage;

namespace PortalAccess.Bench;

/// <summary>
/// One benchmark run against a running Standalone host: hash ceiling, seeding, storage requests per operation, the load
/// steps, peak working set; the answer is one markdown table (docs/performance.md explains every row).
/// </summary>
internal sealed class BenchRun(BenchOptions options)
{
    private const string SmallCustomer = "910001";
    private const string LargeCustomer = "910002";
    private const string OwnerPassword = "bench owner passphrase";
    private const string CountHeader = "x-storage-requests";
    private static readonly int Cores = Environment.ProcessorCount;

    private readonly StringBuilder table = new();

    public async Task<string> RunAsync()
    {
        var ct = CancellationToken.None;
        var total = Stopwatch.StartNew();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = options.Api, Timeout = TimeSpan.FromSeconds(100) };
        using var mailDev = new HttpClient { BaseAddress = options.MailDev };
        await using var library = Library();
        var hasher = library.GetRequiredService<PasswordHasher>();
        var seeding = new Seeding(http, mailDev, options.SystemKey);
        var cpu = new CpuMeter(options.HostPid, options.StoragePid);
        Task<(LoadResult Result, string Cpu)> Step(int clients, Func<long, HttpRequestMessage> newRequest) =>
            cpu.MeasureAsync(() => Load.RunAsync(http, clients, options.StepDuration, newRequest), r => r.Requests);

        Row("what", "result", "p50", "p99", "non-2xx", "note");
        Row("---", "---:", "---:", "---:", "---", "---");

        Progress($"hash ceiling: the library's PasswordHasher.VerifyAsync at 1 and {Cores} threads, {options.HashDuration.TotalSeconds:0} s each");
        var hash = await hasher.HashAsync(HashCeiling.Password, HashQueueing.Wait, ct);
        var ceilingOne = HashCeiling.Measure(hasher, hash, 1, options.HashDuration);
        var ceilingAll = HashCeiling.Measure(hasher, hash, Cores, options.HashDuration);
        Row("hash ceiling, 1 thread", $"{ceilingOne:0.0} verifies/s", "", "", "", $"{1000 / ceilingOne:0.0} ms per verify");
        Row($"hash ceiling, {Cores} threads (all cores)", $"{ceilingAll:0.0} verifies/s", "", "", "", $"{ceilingAll / ceilingOne:0.00} × 1 thread");

        Progress($"seeding: customers {SmallCustomer} (10 users) and {LargeCustomer} ({options.Users:N0} users), owners activated through their mails");
        var smallOwner = await seeding.NewOwnerAsync(SmallCustomer, $"owner.{SmallCustomer}@bench.example", OwnerPassword, ct);
        var largeOwner = await seeding.NewOwnerAsync(LargeCustomer, $"owner.{LargeCustomer}@bench.example", OwnerPassword, ct);
        var accounts = library.GetRequiredService<AccountStore>();
        var index = library.GetRequiredService<LoginIndex>();
        var seeded = Stopwatch.StartNew();
        var smallUsers = await Seeding.SeedUsersAsync(accounts, index, SmallCustomer, 10, hash, ct);
        await Seeding.SeedUsersAsync(accounts, index, LargeCustomer, options.Users, hash, ct);
        Progress($"seeded {options.Users + 10:N0} users in {seeded.Elapsed.TotalSeconds:0.0} s");

        Progress("storage requests per operation (x-storage-requests, 3 tries each)");
        var counts = new List<(string What, string Count)>
        {
            ("login ok", await CountAsync(http, () => Login(smallUsers[0], HashCeiling.Password))),
            ("login failed (wrong password)", await CountAsync(http, () => Login(smallUsers[9], "not the password"))),
            ("login unknown", await CountAsync(http, () => Login("nobody@bench.example", HashCeiling.Password))),
            ("GET me", await CountAsync(http, () => Get("me", smallOwner))),
            ("GET users, page of 50, 10 users", await CountAsync(http, () => Get("users", smallOwner))),
            ($"GET users, page of 50, {options.Users:N0} users", await CountAsync(http, () => Get("users", largeOwner))),
        };

        // one fresh account per step: a step that locks its account (or loses its session) leaves the next one untouched
        var clientSteps = new[] { 1, Cores, 4 * Cores, 32 };
        for (var i = 0; i < clientSteps.Length; i++)
        {
            var clients = clientSteps[i];
            var login = smallUsers[i + 1];
            Progress($"POST auth/login, one account, correct password: {clients} client{(clients == 1 ? "" : "s")}, {options.StepDuration.TotalSeconds:0} s");
            var (result, used) = await Step(clients, _ => Login(login, HashCeiling.Password));
            var (ceiling, threads) = clients == 1 ? (ceilingOne, 1) : (ceilingAll, Cores);
            LoadRow($"POST auth/login, {clients} client{(clients == 1 ? "" : "s")}", result, "logins/s",
                $"{result.SucceededPerSecond / ceiling:0.00} × hash ceiling at {threads} thread{(threads == 1 ? "" : "s")}; {used}");
        }

        Progress($"GET me: 16 clients, {options.StepDuration.TotalSeconds:0} s");
        var (me, meCpu) = await Step(16, _ => Get("me", smallOwner));
        LoadRow("GET me, 16 clients", me, "/s", meCpu);

        Progress($"GET users (page of 50): 1 client, 10 users then {options.Users:N0} users, {options.StepDuration.TotalSeconds:0} s each");
        var (smallList, smallListCpu) = await Step(1, _ => Get("users", smallOwner));
        var (largeList, largeListCpu) = await Step(1, _ => Get("users", largeOwner));
        LoadRow("GET users, 10 users, 1 client", smallList, "/s", smallListCpu);
        LoadRow($"GET users, {options.Users:N0} users, 1 client", largeList, "/s",
            $"p50 ratio {options.Users:N0} / 10 users: {largeList.P50Ms / smallList.P50Ms:0.00}; without the wait for storage " +
            $"(Server-Timing) p50 {smallList.P50WithoutStorageMs:0.0} ms → {largeList.P50WithoutStorageMs:0.0} ms, ratio " +
            $"{largeList.P50WithoutStorageMs / smallList.P50WithoutStorageMs:0.00}; {largeListCpu}");

        // after the list steps, so that the small customer still has its 10 users there
        counts.Add(("POST users (create)", await CountAsync(http, () => Create(smallOwner, "probe-" + Guid.NewGuid().ToString("N")))));
        foreach (var clients in new[] { 1, 8 })
        {
            var run = Guid.NewGuid().ToString("N")[..8];
            Progress($"POST users (create, a new email each): {clients} client{(clients == 1 ? "" : "s")}, {options.StepDuration.TotalSeconds:0} s");
            var (created, createCpu) = await Step(clients, n => Create(smallOwner, $"{run}-{n}"));
            LoadRow($"POST users (create), {clients} client{(clients == 1 ? "" : "s")}", created, "creates/s", $"MailDev and the mail worker running; {createCpu}");
        }

        foreach (var (what, count) in counts)
        {
            Row($"storage requests: {what}", count, "", "", "", "");
        }
        Row("peak working set of the host (VmHWM)", PeakWorkingSet(), "", "", "", "");
        Progress($"done in {total.Elapsed.TotalSeconds:0} s");
        return $"PortalAccess benchmark {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Cores} cores, {options.Users:N0} users, " +
            $"{options.StepDuration.TotalSeconds:0} s per load step\n\n{table}";
    }

    private ServiceProvider Library()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = options.Storage,
            ["PortalAccess:Storage:Prefix"] = options.Prefix,
        }).Build();
        return new ServiceCollection().AddLogging().AddPortalAccess(configuration).BuildServiceProvider();
    }

    private static HttpRequestMessage Login(string login, string password) =>
        new(HttpMethod.Post, "auth/login") { Content = JsonContent.Create(new { login, password }) };

    private static HttpRequestMessage Get(string path, string token) =>
        new(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    private static HttpRequestMessage Create(string token, string unique) => new(HttpMethod.Post, "users")
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        Content = JsonContent.Create(new { name = "Bench Created", email = $"created.{unique}@bench.example", areas = Seeding.UserAreas }),
    };

    /// <summary>The header's figure over three tries: "5", or "7, 5, 5" when the tries differ; "no header" when the host does not report it.</summary>
    private static async Task<string> CountAsync(HttpClient http, Func<HttpRequestMessage> newRequest)
    {
        var seen = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var request = newRequest();
            using var response = await http.SendAsync(request);
            if (!response.Headers.TryGetValues(CountHeader, out var values))
            {
                return "no header";
            }
            seen.Add(int.Parse(values.Single(), CultureInfo.InvariantCulture));
        }
        return seen.Min() == seen.Max() ? $"{seen[0]}" : string.Join(", ", seen);
    }

    private string PeakWorkingSet()
    {
        if (options.HostPid is not { } pid)
        {
            return "n/a (no --host-pid)";
        }
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kib = line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return line is null ? "n/a" : $"{kib / 1024.0:0} MiB";
    }

    private void LoadRow(string what, LoadResult r, string unit, string note) =>
        Row(what, $"{r.SucceededPerSecond:0.0} {unit}", $"{r.P50Ms:0.0} ms", $"{r.P99Ms:0.0} ms", r.NonSuccessText,
            $"{r.Requests} requests in {r.Seconds:0.0} s" + (note.Length > 0 ? "; " + note : ""));

    private void Row(params string[] cells) => table.Append("| ").AppendJoin(" | ", cells).Append(" |\n");

    private static void Progress(string message) => Console.Error.WriteLine($"==> {message}");
}
