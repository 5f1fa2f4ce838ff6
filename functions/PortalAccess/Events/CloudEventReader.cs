using System.Net.Mime;
using System.Runtime.InteropServices;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using PortalAccess.Http;

namespace PortalAccess.Events;

/// <summary>
/// Reads CloudEvents 1.0 from an HTTP request in structured, batched or binary mode. Every event of a batch is
/// checked, and the first bad ones are named by index, so the sender can fix and resend the whole batch safely.
/// </summary>
public static class CloudEventReader
{
    public const string StructuredType = "application/cloudevents+json";
    public const string BatchType = "application/cloudevents-batch+json";

    private static readonly JsonEventFormatter Formatter = new();

    /// <summary>
    /// The events of the request. 415 when it is in none of the three modes: a Content-Type that is no media type at all
    /// (empty, blanks, garbage), or one other than the two CloudEvents types without a <c>ce-specversion</c> header (binary
    /// mode, where Content-Type is that of the data). The type is checked before the body is read, as on the JSON routes.
    /// </summary>
    public static async Task<Checked<IReadOnlyList<CloudEvent>>> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var mode = ModeOf(request);
        if (mode == Mode.None)
        {
            return new Refused(Unsupported());
        }
        var body = await JsonBody.ReadBytesAsync(request, ct);
        if (!body.Ok)
        {
            return new Refused(body.Problem);
        }
        var bytes = body.Value;
        var errors = new ValidationErrors();
        var events = new List<CloudEvent>();
        if (mode == Mode.Batch)
        {
            if (!DecodeBatch(bytes, events, errors))
            {
                return new Refused(Problems.Validation("body", "A batch must be a JSON array of CloudEvents."));
            }
        }
        else
        {
            events.Add((mode == Mode.Structured ? Decode(bytes, "", errors) : DecodeBinary(request, bytes, errors))!);
        }
        return errors.Any ? new Refused(Problems.Validation(errors.ToDictionary())) : events;
    }

    private enum Mode
    {
        None,
        Structured,
        Batch,
        Binary,
    }

    /// <summary>
    /// The content mode, from Content-Type as the platform parses it: absent, or a media type (case and parameters aside).
    /// A header that is there but no media type (empty, blanks, two types) is a type the route does not take, never a 500.
    /// </summary>
    private static Mode ModeOf(HttpRequest request)
    {
        var header = request.Headers.ContentType;
        StringSegment mediaType = default;
        if (header.Count > 0)
        {
            if (header.Count > 1 || !MediaTypeHeaderValue.TryParse(header.ToString(), out var parsed))
            {
                return Mode.None;
            }
            mediaType = parsed.MediaType;
        }
        if (mediaType.Equals(StructuredType, StringComparison.OrdinalIgnoreCase))
        {
            return Mode.Structured;
        }
        if (mediaType.Equals(BatchType, StringComparison.OrdinalIgnoreCase))
        {
            return Mode.Batch;
        }
        return request.Headers.ContainsKey("ce-specversion") ? Mode.Binary : Mode.None;
    }

    private static IResult Unsupported() => Problems.Problem(415, "unsupported-media-type", "Unsupported media type.",
        $"Send a CloudEvent: {StructuredType}, {BatchType}, or binary mode with ce-* headers and a valid Content-Type (or none).");

    /// <summary>Each item of a batch, its errors named <c>[i]</c>; false when the body is not a JSON array at all.</summary>
    private static bool DecodeBatch(byte[] bytes, List<CloudEvent> events, ValidationErrors errors)
    {
        JsonElement[] items;
        try
        {
            items = JsonSerializer.Deserialize<JsonElement[]>(bytes) ?? [];
        }
        catch (JsonException)
        {
            return false;
        }
        for (var i = 0; i < items.Length; i++)
        {
            // the item as it was sent: serialising it again would unescape its strings, and throw on a lone surrogate
            events.Add(Decode(JsonMarshal.GetRawUtf8Value(items[i]).ToArray(), $"[{i}].", errors)!);
        }
        if (items.Length == 0)
        {
            errors.Add("body", "The batch is empty.");
        }
        return true;
    }

    private static CloudEvent? Decode(byte[] json, string prefix, ValidationErrors errors)
    {
        try
        {
            return Checked(Formatter.DecodeStructuredModeMessage(json, new ContentType(StructuredType), null), prefix, errors);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            errors.Add(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'), Describe(e));
            return null;
        }
    }

    private static CloudEvent? DecodeBinary(HttpRequest request, byte[] body, ValidationErrors errors)
    {
        try
        {
            var version = CloudEventsSpecVersion.FromVersionId(request.Headers["ce-specversion"].ToString())
                ?? throw new ArgumentException("Unsupported specversion.");
            var cloudEvent = new CloudEvent(version) { DataContentType = request.ContentType };
            foreach (var (name, value) in request.Headers)
            {
                if (name.StartsWith("ce-", StringComparison.OrdinalIgnoreCase)
                    && !name.Equals("ce-specversion", StringComparison.OrdinalIgnoreCase))
                {
                    cloudEvent.SetAttributeFromString(name[3..].ToLowerInvariant(), value.ToString());
                }
            }
            if (body.Length > 0)
            {
                cloudEvent.Data = JsonSerializer.Deserialize<JsonElement>(body);
            }
            return Checked(cloudEvent, "", errors);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            errors.Add("body", Describe(e));
            return null;
        }
    }

    private static CloudEvent? Checked(CloudEvent e, string prefix, ValidationErrors errors)
    {
        if (!e.IsValid)
        {
            errors.Add(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'),
                "The event lacks a required attribute (id, source, type or specversion).");
            return null;
        }
        return e;
    }

    // the SDK's messages name the attribute at fault; they never echo attribute values
    private static string Describe(Exception e) =>
        e is JsonException ? "The event is not valid JSON." : $"Not a valid CloudEvent 1.0: {e.Message}";
}
