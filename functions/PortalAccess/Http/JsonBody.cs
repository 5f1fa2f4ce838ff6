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
    public static async Task<Checked<TBody>> ReadCheckedAsync<TRequest, TBody>(HttpRequest request, Action<TRequest, ValidationErrors> validate,
        Func<TRequest, TBody> validated, CancellationToken ct)
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
        return Parse(bytes.Value) is { ValueKind: JsonValueKind.Object } root
            ? Deserialize<T>(root)
            : new Refused(Problems.Validation("body", "The body must be one JSON object."));
    }

    public const string JsonMediaType = "application/json";

    /// <summary><c>application/json</c> or a <c>+json</c> type, in UTF-8 (the only charset JSON may use, RFC 8259).</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The JSON document of the body, or null when it is not well-formed (cut off, trailing commas, too deep).</summary>
    private static JsonElement? Parse(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = Options.MaxDepth });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Checked<T> Deserialize<T>(JsonElement root) where T : class
    {
        try
        {
            return root.Deserialize<T>(Options) is { } value ? value : new Refused(Problems.Validation("body", "The body must be one JSON object."));
        }
        catch (JsonException)
        {
            var errors = new ValidationErrors();
            foreach (var property in Options.GetTypeInfo(typeof(T)).Properties)
            {
                if (Fits(root, property.Name, property.PropertyType) is false)
                {
                    errors.Add(property.Name, "The value does not have the expected type.");
                }
            }
            return new Refused(errors.Any ? Problems.Validation(errors.ToDictionary()) : Problems.Validation("body", "The body does not have the expected shape."));
        }
    }

    /// <summary>Whether the body's value of <paramref name="name"/> converts to <paramref name="type"/>; null when the body has no such property.</summary>
    private static bool? Fits(JsonElement root, string name, Type type)
    {
        foreach (var property in root.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Take(1))
        {
            try
            {
                property.Value.Deserialize(type, Options);
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }
        return null;
    }

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
