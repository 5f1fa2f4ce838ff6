using System.Net.Http.Json;
using System.Text.Json;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>Reads and clears MailDev's inbox over its REST API (maildev 3 serves it under /api).</summary>
public sealed class MailDevClient(Uri webBaseUri) : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = new() { BaseAddress = webBaseUri, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<IReadOnlyList<ReceivedMail>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        var mails = await _http.GetFromJsonAsync<List<MailDevEmail>>("api/email", Json, cancellationToken);
        return mails is null ? [] : [.. mails.Select(m => m.ToReceivedMail())];
    }

    /// <summary>Polls the inbox until a mail matches; throws a <see cref="TimeoutException"/> naming what did arrive.</summary>
    public async Task<ReceivedMail> WaitForMailAsync(
        Func<ReceivedMail, bool> match,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var mails = await GetAllAsync(cancellationToken);
            var found = mails.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                var seen = mails.Count == 0
                    ? "the inbox is empty"
                    : "the inbox holds: " + string.Join("; ", mails.Select(m => $"'{m.Subject}' to {string.Join(", ", m.To)}"));
                throw new TimeoutException($"No matching mail arrived in MailDev within {timeout.TotalSeconds:0.#} s; {seen}.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>The text of the <paramref name="nth"/> mail (1-based) sent to <paramref name="email"/>, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<string> TextToAsync(string email, int nth, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var mails = (await GetAllAsync()).Where(m => m.To.Contains(email, StringComparer.OrdinalIgnoreCase)).ToList();
            if (mails.Count >= nth)
            {
                return mails[nth - 1].Text ?? "";
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Mail {nth} to {email} did not arrive within {timeout.TotalSeconds} s ({mails.Count} arrived).");
            }
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>How many mails to <paramref name="email"/> arrived so far.</summary>
    public async Task<int> CountToAsync(string email) =>
        (await GetAllAsync()).Count(m => m.To.Contains(email, StringComparer.OrdinalIgnoreCase));

    public async Task DeleteAllAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.DeleteAsync("api/email/all", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();

    // the wire shape of GET /api/email (maildev 3, @maildev/core Email); fields the tests do not need are left out
    private sealed record MailDevEmail(
        string Id,
        string? Subject,
        string? Text,
        string? Html,
        List<MailDevAddress>? To,
        List<MailDevAddress>? From,
        DateTimeOffset? Date,
        DateTimeOffset Time)
    {
        public ReceivedMail ToReceivedMail() => new(
            Id,
            Subject ?? "",
            Text,
            Html,
            To?.Select(a => a.Address).ToList() ?? [],
            From?.FirstOrDefault()?.Address ?? "",
            Date ?? Time,
            From?.FirstOrDefault()?.Name ?? "");
    }

    private sealed record MailDevAddress(string Address, string? Name);
}
