using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PortalAccess.Http;

namespace PortalAccess.Events;

/// <summary><c>/api/events/telephony</c>: CloudEvents from the telephony system (system key), and the webhook handshake.</summary>
public sealed partial class TelephonyEventEndpoints(TelephonyEventApplier applier, ILogger<TelephonyEventEndpoints> log)
{
    /// <summary>This feature's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("ReceiveTelephonyEvents", "POST", ApiRoutes.TelephonyEvents, RouteAccess.SystemKey, "CloudEvents from the telephony system",
            Response: typeof(EventsAccepted))
        {
            Refusals = [409, 415],
            ReadsBody = true,
            Handler = (HttpRequest r, TelephonyEventEndpoints h, CancellationToken ct) => h.ReceiveAsync(r, ct),
        },
        new("TelephonyEventsHandshake", "OPTIONS", ApiRoutes.TelephonyEvents, RouteAccess.SystemKey,
            "CloudEvents webhook validation handshake")
        {
            Refusals = [400],
            Handler = (HttpRequest r, TelephonyEventEndpoints h) => h.Handshake(r),
        },
    ];

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken ct)
    {
        var events = await CloudEventReader.ReadAsync(request, ct);
        if (!events.Ok)
        {
            LogRejected(log, "malformed CloudEvents");
            return events.Problem;
        }
        var batch = events.Value.Count > 1 || (request.ContentType ?? "").Contains("batch", StringComparison.OrdinalIgnoreCase);
        var parsed = await ParseAllAsync(events.Value, batch, ct);
        if (!parsed.Ok)
        {
            return parsed.Problem;
        }
        return await ApplyAllAsync(parsed.Value, batch, ct)
            ?? TypedResults.Ok(new EventsAccepted(events.Value.Count, parsed.Value.Count(e => e is not IgnoredEvent)));
    }

    /// <summary>
    /// Every event checked before any is applied: its data, and that its customer exists. Any error refuses the whole
    /// request and nothing of it is applied, so the sender can fix it and resend the whole batch.
    /// </summary>
    private async Task<Checked<List<TelephonyEvent>>> ParseAllAsync(
        IReadOnlyList<CloudNative.CloudEvents.CloudEvent> events, bool batch, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var parsed = new List<TelephonyEvent>();
        // a batch usually names one customer: ask storage once per customer
        var customers = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var prefix = batch ? $"[{i}]." : "";
            if (TelephonyEventParser.Parse(events[i], prefix, errors) is not { } e)
            {
                continue;
            }
            parsed.Add(e);
            if (e is not IgnoredEvent && !(customers.TryGetValue(e.CustomerNumber, out var known)
                ? known
                : customers[e.CustomerNumber] = await applier.CustomerExistsAsync(e.CustomerNumber, ct)))
            {
                errors.Add($"{prefix}data.customerNumber", "There is no such customer.");
                LogUnknownCustomer(log, e.Id, e.CustomerNumber);
            }
        }
        if (!errors.Any)
        {
            return parsed;
        }
        LogRejected(log, string.Join(", ", errors.ToDictionary().Keys));
        return new Refused(Problems.Validation(errors.ToDictionary()));
    }

    /// <summary>Applies the events in order; the first refusal answers the request.</summary>
    private async Task<IResult?> ApplyAllAsync(List<TelephonyEvent> events, bool batch, CancellationToken ct)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (await applier.ApplyAsync(events[i], ct) is { } rejected)
            {
                // events before this one are applied and marked: resending the batch applies only the rest
                LogRejected(log, rejected.Code ?? rejected.Kind.ToString());
                return Problems.For(rejected with { Detail = (batch ? $"Event [{i}]: " : "") + rejected.Detail });
            }
        }
        return null;
    }

    /// <summary>The CloudEvents webhook validation handshake (abuse protection).</summary>
    public IResult Handshake(HttpRequest request)
    {
        var origin = request.Headers["WebHook-Request-Origin"].ToString();
        // echoed in a response header: visible ASCII only (a host name), else Kestrel throws on setting it (500)
        if (origin.Length is 0 or > 253 || origin.Any(c => c is < '!' or > '~'))
        {
            return Problems.Validation("WebHook-Request-Origin", "The WebHook-Request-Origin header is required.");
        }
        request.HttpContext.Response.Headers["WebHook-Allowed-Origin"] = origin;
        request.HttpContext.Response.Headers["WebHook-Allowed-Rate"] = "*";
        request.HttpContext.Response.Headers.Allow = "POST, OPTIONS";
        return TypedResults.Ok();
    }

    [LoggerMessage(LogLevel.Warning, "Telephony event for unknown customer {CustomerNumber} rejected (event {EventId})")]
    private static partial void LogUnknownCustomer(ILogger logger, string eventId, string customerNumber);

    [LoggerMessage(LogLevel.Warning, "Telephony events rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
