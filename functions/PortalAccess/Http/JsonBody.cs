using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace PortalAccess.Http;

/// <summary>A request body read as <typeparamref name="T"/>, or the problem that answers it.</summary>
public readonly record struct Body<T>(T? Value, IResult? Problem) where T : class;

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
        var body = await ReadValidAsync(request, validate, ct);
        if (body.Problem is { } problem)
        {
            return new Refused(problem);
        }
        return validated(body.Value!);
    }

    /// <summary>Reads the body and applies <paramref name="validate"/>; any error becomes one 400 naming the fields.</summary>
    public static async Task<Body<T>> ReadValidAsync<T>(HttpRequest request, Action<T, ValidationErrors> validate, CancellationToken ct)
        where T : class
    {
        var body = await ReadAsync<T>(request, ct);
        if (body.Problem is not null)
        {
            return body;
        }
        var errors = new ValidationErrors();
        validate(body.Value!, errors);
        return errors.Any ? new(null, Problems.Validation(errors.ToDictionary())) : body;
    }

    public static async Task<Body<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        var (bytes, tooLarge) = await ReadBytesAsync(request, ct);
        if (tooLarge is not null)
        {
            return new(null, tooLarge);
        }
        if (bytes!.Length == 0)
        {
            return new(null, Problems.Validation("body", "A JSON request body is required."));
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, Options);
            return value is null ? new(null, Problems.Validation("body", "A JSON object is required.")) : new(value, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return new(null, Problems.Validation(field, "The value is not valid JSON of the expected type."));
        }
    }

    // the read buffer, not a limit: bodies are copied in chunks of this size until MaxBytes
    private const int ReadChunkBytes = 8192;

    /// <summary>The raw body, at most <see cref="MaxBytes"/> (413 beyond, whatever Content-Length claimed).</summary>
    public static async Task<(byte[]? Bytes, IResult? TooLarge)> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.TooLarge(MaxBytes));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[ReadChunkBytes];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, Problems.TooLarge(MaxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }
}
