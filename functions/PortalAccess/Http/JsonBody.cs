using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

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

    public static async Task<Checked<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
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
            return JsonSerializer.Deserialize<T>(bytes.Value, Options) is { } value
                ? value
                : new Refused(Problems.Validation("body", "A JSON object is required."));
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return new Refused(Problems.Validation(field, "The value is not valid JSON of the expected type."));
        }
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
