using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PortalAccess.Bench;

/// <summary>What one soak answer gave the load client: its status, its JSON body (or default) and its ETag.</summary>
internal sealed record SoakAnswer(int Status, JsonElement Body, string? ETag)
{
    public bool Ok => Status is >= 200 and < 300;
}

/// <summary>
/// Every request of a soak by kind (count, latencies) and every failure by kind: status code with the problem's
/// <c>type</c>, or the transport error; also failures of the soak's own waits (a link mail that never came).
/// </summary>
internal sealed class SoakTally
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> latencies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> errors = new(StringComparer.Ordinal);
    private long requests;

    public long Requests => Interlocked.Read(ref requests);

    public int Errors => errors.Values.Sum();

    public IReadOnlyDictionary<string, int> ErrorsByKind => errors;

    /// <summary>Sends the request, records it under <paramref name="kind"/> and any failure; a transport error answers status 0.</summary>
    public async Task<SoakAnswer> SendAsync(HttpClient http, string kind, HttpRequestMessage request)
    {
        var clock = Stopwatch.StartNew();
        SoakAnswer answer;
        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var body = text.Length > 0 && IsJson(response.Content.Headers.ContentType) ? JsonSerializer.Deserialize<JsonElement>(text) : default;
            answer = new SoakAnswer((int)response.StatusCode, body, response.Headers.ETag?.ToString());
            if (!answer.Ok)
            {
                var type = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("type", out var t) ? t.GetString() : "no problem type";
                Fail($"{kind}: {answer.Status} {type}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            answer = new SoakAnswer(0, default, null);
            Fail($"{kind}: transport {e.GetType().Name}{(e is HttpRequestException { HttpRequestError: var why } ? " " + why : "")}");
        }
        finally
        {
            request.Dispose();
        }
        Interlocked.Increment(ref requests);
        latencies.GetOrAdd(kind, _ => new ConcurrentQueue<double>()).Enqueue(clock.Elapsed.TotalMilliseconds);
        return answer;
    }

    public void Fail(string what) => errors.AddOrUpdate(what, 1, (_, n) => n + 1);

    /// <summary>Whether an error is one the soak fails on by the letter of the task: a 5xx or a transport error.</summary>
    public static bool IsServerOrTransport(string error) => error.Contains(": transport ", StringComparison.Ordinal) || error.Contains(": 5", StringComparison.Ordinal);

    /// <summary>Kind, count, p50 and p99 (nearest rank) in ms, kinds in order of first use.</summary>
    public IEnumerable<(string Kind, int Count, double P50, double P99)> ByKind() => latencies.Select(p =>
    {
        var sorted = p.Value.Order().ToArray();
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return (p.Key, sorted.Length, At(0.50), At(0.99));
    }).OrderBy(r => r.Key, StringComparer.Ordinal);

    private static bool IsJson(MediaTypeHeaderValue? type) => type?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
}
