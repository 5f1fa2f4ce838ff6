using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PortalAccess.Bench;

/// <summary>
/// The soak's account of mails: which (recipient, subject) it expects, and every mail MailDev received. One poller reads
/// MailDev's REST API, counts each mail it sees and deletes it there, so that the list it reads stays short over a long run;
/// a load client waiting for its link token is handed the token of the first mail to its recipient.
/// </summary>
internal sealed partial class MailLedger(HttpClient mailDev)
{
    public const string ActivationSubject = "Ihr Zugang zu PortalAccess: bitte Passwort vergeben";
    public const string DeskWelcomeSubject = "Ihr OfficeDesk-Zugang zu PortalAccess";

    private readonly ConcurrentDictionary<(string To, string Subject), int> expected = new();
    private readonly ConcurrentDictionary<(string To, string Subject), int> received = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> tokens = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> seenIds = new(StringComparer.Ordinal);

    public int Expected => expected.Values.Sum();

    public int Received => received.Values.Sum();

    public int PollErrors { get; private set; }

    /// <summary>Notes that one mail with this subject must reach <paramref name="to"/>; call it before the request that causes the mail.</summary>
    public void Expect(string to, string subject)
    {
        expected.AddOrUpdate((to.ToLowerInvariant(), subject), 1, (_, n) => n + 1);
        tokens.TryAdd(to, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>The link token of the first mail to <paramref name="to"/>, or null when none came within <paramref name="timeout"/>.</summary>
    public async Task<string?> TokenAsync(string to, TimeSpan timeout)
    {
        var waiting = tokens.GetOrAdd(to, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        return await Task.WhenAny(waiting, Task.Delay(timeout)) == waiting ? await waiting : null;
    }

    public async Task PollUntilAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await PollOnceAsync();
            try
            {
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads every mail MailDev holds, counts the new ones and deletes them there.</summary>
    public async Task PollOnceAsync()
    {
        JsonElement mails;
        try
        {
            mails = await mailDev.GetFromJsonAsync<JsonElement>("api/email");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            PollErrors++;
            return;
        }
        foreach (var mail in mails.EnumerateArray())
        {
            var id = mail.GetProperty("id").GetString()!;
            if (!seenIds.Add(id))
            {
                continue;
            }
            var subject = mail.GetProperty("subject").GetString() ?? "";
            var text = mail.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
            foreach (var to in mail.GetProperty("to").EnumerateArray().Select(a => a.GetProperty("address").GetString() ?? ""))
            {
                received.AddOrUpdate((to.ToLowerInvariant(), subject), 1, (_, n) => n + 1);
                if (TokenPattern().Match(text) is { Success: true } m)
                {
                    tokens.GetOrAdd(to, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(m.Groups[1].Value);
                }
            }
            try
            {
                using var deleted = await mailDev.DeleteAsync($"api/email/{id}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                PollErrors++; // counted once all the same: the id stays in seenIds
            }
        }
    }

    /// <summary>Whether every expected mail arrived (at least once).</summary>
    public bool AllArrived => expected.All(p => received.GetValueOrDefault(p.Key) >= p.Value);

    /// <summary>Expected mails that did not arrive, arrived more often than expected, or arrived without being expected.</summary>
    public (List<string> Missing, List<string> Duplicated, List<string> Unexpected) Differences()
    {
        var missing = expected.Where(p => received.GetValueOrDefault(p.Key) < p.Value)
            .Select(p => $"{p.Key.To} \"{p.Key.Subject}\": expected {p.Value}, received {received.GetValueOrDefault(p.Key)}").ToList();
        var duplicated = expected.Where(p => received.GetValueOrDefault(p.Key) > p.Value)
            .Select(p => $"{p.Key.To} \"{p.Key.Subject}\": expected {p.Value}, received {received[p.Key]}").ToList();
        var unexpected = received.Where(p => !expected.ContainsKey(p.Key)).Select(p => $"{p.Key.To} \"{p.Key.Subject}\" × {p.Value}").ToList();
        return (missing, duplicated, unexpected);
    }

    /// <summary>Expected mails by subject: "Ihr Zugang …: 120 expected, 120 received".</summary>
    public IEnumerable<string> BySubject() => expected.Keys.Select(k => k.Subject).Concat(received.Keys.Select(k => k.Subject)).Distinct().Order(StringComparer.Ordinal)
        .Select(s => $"\"{s}\": {expected.Where(p => p.Key.Subject == s).Sum(p => p.Value)} expected, {received.Where(p => p.Key.Subject == s).Sum(p => p.Value)} received");

    [GeneratedRegex(@"#token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();
}
