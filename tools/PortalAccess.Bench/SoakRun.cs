using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PortalAccess.Bench;

/// <summary>
/// One soak against a running host: a customer whose owner is activated from its mail, then <c>Clients</c> load clients
/// that each repeat one round until the time is up — sign in and read <c>me</c>, refresh the owner's session, a user's
/// whole life (create, activate from the mail's token, read, update with If-Match, delete), a WebRTC device (created,
/// its desk's welcome mail, deleted) and a SIP account (upserted, deleted). Progress every 10 s on stderr; the report on
/// stdout; the answer says whether the soak passed.
/// </summary>
internal sealed class SoakRun(SoakOptions options)
{
    private const string OwnerPassword = "soak owner passphrase";
    private const string UserPassword = "soak user passphrase";
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);
    private static readonly string[] Areas = ["invoices", "contacts"];
    private static readonly string[] ChangedAreas = ["invoices"];

    private readonly SoakTally tally = new();
    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private readonly string customer = Random.Shared.Next(930_000, 999_999).ToString(CultureInfo.InvariantCulture);
    private long sequence;

    public async Task<bool> RunAsync()
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = options.Api, Timeout = TimeSpan.FromSeconds(30) };
        using var mailDev = new HttpClient { BaseAddress = options.MailDev, Timeout = TimeSpan.FromSeconds(30) };
        var ledger = new MailLedger(mailDev);
        var startSet = WorkingSets();
        var clock = Stopwatch.StartNew();

        Progress($"customer {customer}: owner activated through its mail, {options.Clients} sign-in users, then {options.Clients} clients for {options.Duration.TotalSeconds:0} s");
        var ownerEmail = $"owner.{customer}.{run}@soak.example";
        // Seeding reads the owner's mail before the ledger starts; the ledger counts it on its first poll
        await new Seeding(http, mailDev, options.SystemKey).NewOwnerAsync(customer, ownerEmail, OwnerPassword, CancellationToken.None);
        ledger.Expect(ownerEmail, MailLedger.ActivationSubject);
        using var stopPolling = new CancellationTokenSource();
        var poller = ledger.PollUntilAsync(stopPolling.Token);

        var clients = new List<Client>();
        for (var i = 0; i < options.Clients; i++)
        {
            var owner = await SignInAsync(http, customer, OwnerPassword);
            var login = await NewActiveUserAsync(http, ledger, owner?.Access ?? "");
            clients.Add(new Client(owner, login));
        }

        var loadStarted = clock.Elapsed;
        var deadline = loadStarted + options.Duration;
        using var stopProgress = new CancellationTokenSource();
        var progress = ProgressAsync(ledger, clock, stopProgress.Token);
        await Task.WhenAll(clients.Select(c => Task.Run(async () =>
        {
            while (clock.Elapsed < deadline)
            {
                await RoundAsync(http, ledger, c);
            }
        })));
        var loadSeconds = (clock.Elapsed - loadStarted).TotalSeconds;
        await stopProgress.CancelAsync();
        await progress;

        // the last mails are still in the queue; then longer than both hosts' 10 s redelivery delay, so that a mail whose
        // queue message came back after it was sent is seen twice
        var settle = Stopwatch.StartNew();
        while (!ledger.AllArrived && settle.Elapsed < MailWait)
        {
            await Task.Delay(500);
        }
        await Task.Delay(TimeSpan.FromSeconds(12));
        await stopPolling.CancelAsync();
        await poller;
        await ledger.PollOnceAsync();
        var endSet = WorkingSets();
        return Report(ledger, loadSeconds, startSet, endSet);
    }

    /// <summary>One load client: the owner's session it refreshes and the active user it signs in as.</summary>
    private sealed class Client(Session? owner, string userLogin)
    {
        public Session? Owner { get; set; } = owner;

        public string UserLogin { get; } = userLogin;
    }

    private sealed record Session(string Access, string Refresh);

    private async Task RoundAsync(HttpClient http, MailLedger ledger, Client c)
    {
        var n = Interlocked.Increment(ref sequence);
        var session = await SignInAsync(http, c.UserLogin, UserPassword);
        if (session is not null)
        {
            await tally.SendAsync(http, "GET me", Bearer(HttpMethod.Get, "me", session.Access));
        }
        if (c.Owner is { } owner)
        {
            var refreshed = await tally.SendAsync(http, "POST auth/refresh", Json(HttpMethod.Post, "auth/refresh", new { refreshToken = owner.Refresh }));
            // a failed refresh (recorded) ends that session; sign in again so that the round goes on
            c.Owner = refreshed.Ok ? SessionOf(refreshed) : await SignInAsync(http, customer, OwnerPassword);
        }
        if (c.Owner is { } current)
        {
            await UserLifeAsync(http, ledger, current.Access, n);
        }
        await DeviceLifeAsync(http, ledger, n);
        await SipLifeAsync(http, n);
    }

    private async Task<Session?> SignInAsync(HttpClient http, string login, string password)
    {
        var answer = await tally.SendAsync(http, "POST auth/login", Json(HttpMethod.Post, "auth/login", new { login, password }));
        return answer.Ok ? SessionOf(answer) : null;
    }

    private static Session SessionOf(SoakAnswer a) => new(a.Body.GetProperty("accessToken").GetString()!, a.Body.GetProperty("refreshToken").GetString()!);

    /// <summary>A user created by the owner and activated from its mail; its login (the email).</summary>
    private async Task<string> NewActiveUserAsync(HttpClient http, MailLedger ledger, string ownerToken)
    {
        var email = $"signin.{Interlocked.Increment(ref sequence)}.{run}@soak.example";
        ledger.Expect(email, MailLedger.ActivationSubject);
        var created = await tally.SendAsync(http, "POST users", Bearer(HttpMethod.Post, "users", ownerToken, new { name = "Soak Sign-in", email, areas = Areas }));
        if (created.Ok)
        {
            await ActivateAsync(http, ledger, email);
        }
        return email;
    }

    private async Task<bool> ActivateAsync(HttpClient http, MailLedger ledger, string email)
    {
        if (await ledger.TokenAsync(email, MailWait) is not { } token)
        {
            tally.Fail($"activation mail: none within {MailWait.TotalSeconds:0} s");
            return false;
        }
        return (await tally.SendAsync(http, "POST auth/activation", Json(HttpMethod.Post, "auth/activation", new { token, password = UserPassword }))).Ok;
    }

    /// <summary>Create → the activation mail → activate from its token → read → update with If-Match → delete with If-Match.</summary>
    private async Task UserLifeAsync(HttpClient http, MailLedger ledger, string ownerToken, long n)
    {
        var email = $"user.{n}.{run}@soak.example";
        ledger.Expect(email, MailLedger.ActivationSubject);
        var created = await tally.SendAsync(http, "POST users", Bearer(HttpMethod.Post, "users", ownerToken, new { name = $"Soak User {n}", email, areas = Areas }));
        if (!created.Ok)
        {
            return;
        }
        var id = created.Body.GetProperty("id").GetString()!;
        await ActivateAsync(http, ledger, email);
        var read = await tally.SendAsync(http, "GET users/{id}", Bearer(HttpMethod.Get, $"users/{id}", ownerToken));
        if (!read.Ok)
        {
            return;
        }
        var update = Bearer(HttpMethod.Put, $"users/{id}", ownerToken, new { name = $"Soak User {n} changed", email, areas = ChangedAreas });
        update.Headers.TryAddWithoutValidation("If-Match", read.ETag);
        var updated = await tally.SendAsync(http, "PUT users/{id}", update);
        var delete = Bearer(HttpMethod.Delete, $"users/{id}", ownerToken);
        delete.Headers.TryAddWithoutValidation("If-Match", updated.ETag ?? read.ETag);
        await tally.SendAsync(http, "DELETE users/{id}", delete);
    }

    /// <summary>A WebRTC device's creation makes a desk and its welcome mail; the device is deleted once that mail is here.</summary>
    private async Task DeviceLifeAsync(HttpClient http, MailLedger ledger, long n)
    {
        var deviceId = $"soak-{run}-{n}";
        var userEmail = $"desk.{n}.{run}@soak.example";
        ledger.Expect(userEmail, MailLedger.DeskWelcomeSubject);
        var created = await tally.SendAsync(http, "POST events/telephony pbx.device.created", Event("pbx.device.created",
            new { customerNumber = customer, deviceId, deviceType = "webrtc", extension = (100_000 + n).ToString(CultureInfo.InvariantCulture), userName = $"Soak Desk {n}", userEmail }));
        if (created.Ok && await ledger.TokenAsync(userEmail, MailWait) is null)
        {
            tally.Fail($"desk welcome mail: none within {MailWait.TotalSeconds:0} s");
        }
        await tally.SendAsync(http, "POST events/telephony pbx.device.deleted", Event("pbx.device.deleted", new { customerNumber = customer, deviceId }));
    }

    private async Task SipLifeAsync(HttpClient http, long n)
    {
        var sipAccountId = $"soak-sip-{run}-{n}";
        var number = $"+4930{Random.Shared.Next(10_000_000, 99_999_999)}";
        await tally.SendAsync(http, "POST events/telephony sip.account.upserted", Event("sip.account.upserted",
            new { customerNumber = customer, sipAccountId, number, password = "soak sip secret" }));
        await tally.SendAsync(http, "POST events/telephony sip.account.deleted", Event("sip.account.deleted", new { customerNumber = customer, sipAccountId }));
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, object body) => new(method, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Bearer(HttpMethod method, string path, string token, object? body = null) => new(method, path)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        Content = body is null ? null : JsonContent.Create(body),
    };

    /// <summary>A structured-mode CloudEvent 1.0 with the system key, as the telephony system sends it.</summary>
    private HttpRequestMessage Event(string type, object data)
    {
        var cloudEvent = new
        {
            specversion = "1.0", id = Guid.NewGuid().ToString("N"), source = "urn:telephony:soak", type, time = DateTimeOffset.UtcNow,
            datacontenttype = "application/json", data,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "events/telephony")
        {
            Content = new StringContent(JsonSerializer.Serialize(cloudEvent), Encoding.UTF8, "application/cloudevents+json"),
        };
        request.Headers.Add("x-functions-key", options.SystemKey);
        return request;
    }

    private async Task ProgressAsync(MailLedger ledger, Stopwatch clock, CancellationToken stop)
    {
        var last = (Requests: tally.Requests, At: clock.Elapsed);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var now = (Requests: tally.Requests, At: clock.Elapsed);
            var sets = string.Join(", ", WorkingSets().Select(s => $"{s.Name} {Mib(s.Kib)}"));
            Progress($"{now.At.TotalSeconds:0} s: {(now.Requests - last.Requests) / (now.At - last.At).TotalSeconds:0.0} requests/s, {now.Requests} requests, " +
                $"{tally.Errors} errors, mails {ledger.Expected} expected / {ledger.Received} received, working set {sets}");
            last = now;
        }
    }

    /// <summary>Prints the report; true when nothing failed.</summary>
    private bool Report(MailLedger ledger, double loadSeconds, List<(string Name, long? Kib)> start, List<(string Name, long? Kib)> end)
    {
        var report = new StringBuilder();
        void Line(string text = "") => report.Append(text).Append('\n');
        var failures = new List<string>();

        Line($"Soak of the {options.HostName} host: {options.Clients} clients, {loadSeconds:0} s of load, {tally.Requests} requests ({tally.Requests / loadSeconds:0.0}/s)");
        Line();
        Line($"{"requests by kind",-48} {"count",7} {"p50 ms",9} {"p99 ms",9}");
        foreach (var (kind, count, p50, p99) in tally.ByKind())
        {
            Line($"{kind,-48} {count,7} {p50,9:0.0} {p99,9:0.0}");
        }
        Line();
        Line(tally.Errors == 0 ? "errors: none" : $"errors: {tally.Errors}");
        foreach (var (what, count) in tally.ErrorsByKind.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Line($"  {what} × {count}");
            failures.Add(SoakTally.IsServerOrTransport(what) ? "5xx or transport errors" : "other failed requests or waits");
        }
        Line();
        var (missing, duplicated, unexpected) = ledger.Differences();
        Line($"mails: {ledger.Expected} expected, {ledger.Received} received in MailDev; {missing.Count} missing, {duplicated.Count} duplicated, {unexpected.Count} unexpected" +
            (ledger.PollErrors > 0 ? $" ({ledger.PollErrors} MailDev polls failed)" : ""));
        foreach (var line in ledger.BySubject())
        {
            Line($"  {line}");
        }
        foreach (var (label, list) in new[] { ("missing", missing), ("duplicated", duplicated), ("unexpected", unexpected) })
        {
            foreach (var line in list.Take(20))
            {
                Line($"  {label}: {line}");
            }
            if (list.Count > 0)
            {
                failures.Add($"{label} mails");
            }
        }
        Line();
        // bound: the start figure is the host right after startup; the first minutes of load add JIT-compiled routes, Argon2id's
        // 7 MiB blocks per concurrent hash, connection pools and a GC heap sized for the allocation rate, which stays well
        // within the start figure again plus 100 MiB; a leak over a long run grows past it (docs/performance.md, "Soak")
        Line("working set (VmRSS) at start → end; bound: end ≤ 2 × start + 100 MiB");
        foreach (var ((name, before), (_, after)) in start.Zip(end))
        {
            var over = before is { } b && after is { } a && a > 2 * b + 100 * 1024;
            Line($"  {name}: {Mib(before)} → {Mib(after)}{(over ? "  OVER THE BOUND" : "")}");
            if (over)
            {
                failures.Add($"working set of {name}");
            }
        }
        Line();
        Line(failures.Count == 0 ? $"PASSED ({options.HostName})" : $"FAILED ({options.HostName}): {string.Join(", ", failures.Distinct())}");
        Console.Write(report);
        return failures.Count == 0;
    }

    private List<(string Name, long? Kib)> WorkingSets()
    {
        var sets = new List<(string, long?)>();
        if (options.HostPid is { } host)
        {
            sets.Add(($"host (pid {host})", Rss(host)));
        }
        if (options.WorkerPid is { } worker)
        {
            sets.Add(($"worker (pid {worker})", Rss(worker)));
        }
        return sets;
    }

    /// <summary>VmRSS of the process in KiB; null once it is gone.</summary>
    private static long? Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Mib(long? kib) => kib is { } k ? $"{k / 1024.0:0} MiB" : "n/a (process gone)";

    private void Progress(string message) => Console.Error.WriteLine($"==> [{options.HostName}] {message}");
}
