using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PortalAccess.Http;

/// <summary>
/// Reads JSON request bodies the same way on both hosts: at most 64 KiB (413 beyond), and malformed JSON or
/// values of the wrong type answer 400 naming the field, never 500.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    /// <summary>
    /// Reads and validates the body, then turns it into <typeparamref name="TBody"/> with <paramref name="validated"/>, which may
    /// rely on everything <paramref name="validate"/> checked (required fields present).
    /// </summary>
    public static async Task<Checked<TBody>> ReadCheckedAsync<TRequest, TBody>(
        HttpRequest request, Action<TRequest, ValidationErrors> validate, Func<TRequest, TBody> validated, CancellationToken ct)
        where TRequest : class
    {
        var body = await ReadAsync<TRequest>(request, ct);
        if (!body.Ok)
        {
            return new Refused(body.Problem);
        }
        // any error becomes one 400 naming the fields
        var errors = new ValidationErrors();
        validate(body.Value, errors);
        return errors.Any ? new Refused(Problems.Validation(errors.ToDictionary())) : validated(body.Value);
    }

    /// <summary>
    /// The body as <typeparamref name="T"/>: 415 unless it is sent as JSON, 400 <c>body</c> when it is not a JSON object,
    /// and 400 naming every property whose value does not fit its type.
    /// </summary>
    public static async Task<Checked<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!IsJson(request.ContentType))
        {
            return new Refused(Problems.UnsupportedMediaType(JsonMediaType));
        }
        var bytes = await ReadBytesAsync(request, ct);
        if (!bytes.Ok)
        {
            return new Refused(bytes.Problem);
        }
        if (bytes.Value.Length == 0)
        {
            return new Refused(Problems.Validation("body", "A JSON request body is required."));
        }
        try
        {
            return JsonSerializer.Deserialize<T>(bytes.Value, Options) is { } value ? value : new Refused(NotOneObject());
        }
        catch (JsonException)
        {
            // only a refused body pays for a second look at it
            return new Refused(Diagnose<T>(bytes.Value));
        }
    }

    public const string JsonMediaType = "application/json";

    /// <summary><c>application/json</c> or a <c>+json</c> type, in UTF-8 (the only charset JSON may use, RFC 8259).</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase)
            || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Why a body did not turn into <typeparamref name="T"/>: it is not one JSON object (cut off, trailing commas, too
    /// deep, an array), or these of its fields have values that do not fit their types.
    /// </summary>
    private static IResult Diagnose<T>(byte[] bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = Options.MaxDepth });
        }
        catch (JsonException)
        {
            return NotOneObject();
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return NotOneObject();
            }
            List<(string Name, JsonElement Value)> fields;
            try
            {
                fields = [.. document.RootElement.EnumerateObject().Select(f => (f.Name, f.Value))];
            }
            catch (InvalidOperationException)
            {
                // a property name that is no text (an escaped lone surrogate) names no field
                return Problems.Validation("body", "The body does not have the expected shape.");
            }
            var errors = new ValidationErrors();
            foreach (var property in Options.GetTypeInfo(typeof(T)).Properties)
            {
                var field = fields.Find(f => f.Name.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
                if (field.Value.ValueKind != JsonValueKind.Undefined && !Fits(field.Value, property.PropertyType))
                {
                    errors.Add(property.Name, "The value does not have the expected type.");
                }
            }
            return errors.Any ? Problems.Validation(errors.ToDictionary())
                : Problems.Validation("body", "The body does not have the expected shape.");
        }
    }

    private static bool Fits(JsonElement value, Type type)
    {
        try
        {
            value.Deserialize(type, Options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IResult NotOneObject() => Problems.Validation("body", "The body must be one JSON object.");

    // the read buffer, not a limit: bodies are copied in chunks of this size until MaxBytes
    private const int ReadChunkBytes = 8192;

    /// <summary>The raw body, at most <see cref="MaxBytes"/> (413 beyond, whatever Content-Length claimed).</summary>
    public static async Task<Checked<byte[]>> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
        {
            return new Refused(Problems.TooLarge(MaxBytes));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[ReadChunkBytes];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return new Refused(Problems.TooLarge(MaxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
