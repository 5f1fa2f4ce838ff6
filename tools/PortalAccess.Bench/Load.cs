using System.Diagnostics;

namespace PortalAccess.Bench;

/// <summary>What a load step measured: answers per second (2xx only), latency of every answer, and the failures by status.</summary>
internal sealed record LoadResult(int Clients, int Requests, int Succeeded, double Seconds, double P50Ms, double P99Ms, IReadOnlyDictionary<int, int> NonSuccess)
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
            var failures = new Dictionary<int, int>();
            var succeeded = 0;
            while (clock.Elapsed < duration)
            {
                using var request = newRequest(Interlocked.Increment(ref sequence));
                var started = clock.Elapsed;
                int status;
                try
                {
                    using var response = await http.SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }
                catch (TaskCanceledException)
                {
                    status = 0;
                }
                latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                if (status is >= 200 and < 300)
                {
                    succeeded++;
                }
                else
                {
                    failures[status] = failures.GetValueOrDefault(status) + 1;
                }
            }
            return (latencies, failures, succeeded);
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = perClient.SelectMany(c => c.latencies).Order().ToArray();
        var nonSuccess = perClient.SelectMany(c => c.failures).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        return new LoadResult(clients, all.Length, perClient.Sum(c => c.succeeded), seconds, Percentile(all, 0.50), Percentile(all, 0.99), nonSuccess);
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
