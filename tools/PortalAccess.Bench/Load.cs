using System.Diagnostics;

namespace PortalAccess.Bench;

/// <summary>
/// What a load step measured: answers per second (2xx only), latency of every answer, the failures by status, and the p50
/// of the latency minus the host's wait for storage (<c>Server-Timing: storage;dur=…</c>; NaN when the host does not send it).
/// </summary>
internal sealed record LoadResult(
    int Clients, int Requests, int Succeeded, double Seconds, double P50Ms, double P99Ms, IReadOnlyDictionary<int, int> NonSuccess, double P50WithoutStorageMs)
{
    public double SucceededPerSecond => Succeeded / Seconds;

    public int NonSuccessCount => NonSuccess.Values.Sum();

    /// <summary>"0", or "335 (401 × 235, 503 × 100)"; status 0 stands for a request that got no answer.</summary>
    public string NonSuccessText => NonSuccessCount == 0 ? "0"
        : $"{NonSuccessCount} ({string.Join(", ", NonSuccess.OrderBy(p => p.Key).Select(p => $"{p.Key} × {p.Value}"))})";
}

/// <summary>
/// A closed-loop load generator: each client sends its next request when the previous one has answered, until the step's
/// time is up. Every request is built fresh (<paramref name="newRequest"/> gets a run-wide sequence number), so bodies can differ.
/// </summary>
internal static class Load
{
    public static async Task<LoadResult> RunAsync(HttpClient http, int clients, TimeSpan duration, Func<long, HttpRequestMessage> newRequest)
    {
        var sequence = 0L;
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            var withoutStorage = new List<double>();
            var failures = new Dictionary<int, int>();
            var succeeded = 0;
            while (clock.Elapsed < duration)
            {
                using var request = newRequest(Interlocked.Increment(ref sequence));
                var started = clock.Elapsed;
                int status;
                double? storageMs = null;
                try
                {
                    using var response = await http.SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    status = (int)response.StatusCode;
                    storageMs = StorageWait(response);
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }
                catch (TaskCanceledException)
                {
                    status = 0;
                }
                var latency = (clock.Elapsed - started).TotalMilliseconds;
                latencies.Add(latency);
                if (storageMs is { } waited)
                {
                    withoutStorage.Add(latency - waited);
                }
                if (status is >= 200 and < 300)
                {
                    succeeded++;
                }
                else
                {
                    failures[status] = failures.GetValueOrDefault(status) + 1;
                }
            }
            return (latencies, withoutStorage, failures, succeeded);
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = perClient.SelectMany(c => c.latencies).Order().ToArray();
        var nonSuccess = perClient.SelectMany(c => c.failures).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        var own = perClient.SelectMany(c => c.withoutStorage).Order().ToArray();
        return new LoadResult(clients, all.Length, perClient.Sum(c => c.succeeded), seconds, Percentile(all, 0.50), Percentile(all, 0.99), nonSuccess,
            Percentile(own, 0.50));
    }

    /// <summary>The <c>dur</c> of the <c>storage</c> metric of <c>Server-Timing</c>, in ms; null when the answer has none.</summary>
    private static double? StorageWait(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return null;
        }
        foreach (var metric in values.SelectMany(v => v.Split(',')))
        {
            var parts = metric.Split(';', StringSplitOptions.TrimEntries);
            var dur = parts.FirstOrDefault(p => p.StartsWith("dur=", StringComparison.Ordinal));
            if (parts[0] == "storage" && dur is not null && double.TryParse(dur[4..], System.Globalization.CultureInfo.InvariantCulture, out var ms))
            {
                return ms;
            }
        }
        return null;
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
