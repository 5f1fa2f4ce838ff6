using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using PortalAccess.Auth.Tokens;
using PortalAccess.Catalogs;
using PortalAccess.Http;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>What fuzzed requests may aim at: the real principals and credentials of the customer under test.</summary>
public sealed record FuzzTargets(
    string CustomerNumber, string OwnerId, string AccessToken, string RefreshToken, string LinkToken,
    IReadOnlyList<string> UserIds, IReadOnlyList<string> UserEmails, IReadOnlyList<string> DeskIds, IReadOnlyList<string> SpareCustomers);

/// <summary>A request body as sent, what kind of garbage it is, and the secrets it carries (which no log may show).</summary>
public sealed record FuzzBody(byte[] Bytes, string Shape, IReadOnlyList<string> Secrets)
{
    public static FuzzBody Json(string text, string shape, params string[] secrets) => new(Encoding.UTF8.GetBytes(text), shape, secrets);
}

/// <summary>One generated request: the route it aims at, whether it carries valid credentials, and everything sent.</summary>
public sealed record FuzzCase(
    ApiRoute Route, bool Credentialed, string Method, string Path, string? Segment, IReadOnlyList<KeyValuePair<string, string>> Headers,
    FuzzBody? Body, string? ContentType)
{
    /// <summary>The header classes this case was given (<see cref="HeaderClass"/>), as "name: class", for the counts.</summary>
    public IReadOnlyList<string> Shapes { get; init; } = [];

    /// <summary>The class of query string this case carries (<see cref="FuzzInputs.QueryClasses"/>).</summary>
    public string QueryShape { get; init; } = "absent";

    /// <summary>Whether a header value holds a character HTTP does not allow in one (CR, LF, NUL, other controls).</summary>
    public bool HasControlCharacters => Headers.Any(h => h.Value.Any(c => (c < ' ' && c != '\t') || c == '\u007F'));

    /// <summary>The group a route belongs to, for the counts: the first segment of its template.</summary>
    public string Group => Route.Template.Split('/')[0];

    /// <summary>
    /// The secrets this request carries: those its body marks, and credentials in its headers that are long and varied enough
    /// not to turn up in a log line by chance (a short garbage header is no secret; a JWT-shaped one is searched for by shape).
    /// </summary>
    public IEnumerable<string> Secrets => (Body?.Secrets ?? []).Concat(Headers
        .Where(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("x-functions-key", StringComparison.OrdinalIgnoreCase))
        .Select(h => h.Value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? h.Value[7..].Trim() : h.Value)
        .Where(v => v.Length >= 32 && v.Distinct().Count() >= 8));

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body.Bytes);
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }
        foreach (var (name, value) in Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                // a content header: a varied Content-Type goes with an empty body where the case has none
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return request;
    }

    /// <summary>What FsCheck prints for a failing case: enough to send it again by hand.</summary>
    public override string ToString()
    {
        var body = Body is null ? "(no body)"
            : $"{Body.Shape}, {Body.Bytes.Length} bytes: {Shorten(Encoding.UTF8.GetString(Body.Bytes), 400)}";
        var headers = string.Join("; ", Headers.Select(h => $"{h.Key}: {Shorten(JsonSerializer.Serialize(h.Value), 120)}"));
        return $"{Route.Name}{(Credentialed ? " (credentialed)" : "")}: {Method} {Shorten(Path, 300)} [{headers}] Content-Type: {ContentType ?? "(none)"} {body}"
            + $" (varied: {string.Join(", ", Shapes.DefaultIfEmpty("none"))}; query: {QueryShape})";
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : $"{text[..max]}…(+{text.Length - max})";
}

/// <summary>
/// The classes of value the fuzz gives each header of <see cref="FuzzInputs.VariedHeaders"/>, on every route (issue 26).
/// <list type="table">
/// <item><term>Absent</term><description>the header left out (also a credential or Content-Type the route needs)</description></item>
/// <item><term>Typical</term><description>a value the route takes, or nearly: the system key, a bearer token, a CloudEvents type, an allowed origin</description></item>
/// <item><term>Empty</term><description>present with no value (<c>Name:</c>)</description></item>
/// <item><term>Blank</term><description>blanks or tabs only; Kestrel trims them to an empty value, the in-memory host keeps them</description></item>
/// <item><term>Duplicated</term><description>sent twice with different values</description></item>
/// <item><term>OddCase</term><description>the name in other letter case; HttpClient writes the names of headers it knows (Content-Type,
/// Authorization, If-Match, Origin) in their usual case whatever was asked, so only the others (x-functions-key, ce-*,
/// X-Forwarded-For, WebHook-Request-Origin) reach the host oddly cased</description></item>
/// <item><term>OverLong</term><description>the value padded to 1,000 to 40,000 characters; past 32 KiB of headers Kestrel refuses the
/// request (431) before the app on the worker, the in-memory host has no limit</description></item>
/// <item><term>NonAscii</term><description>ü, €, 😀, U+00A0, U+0080 or U+FFFD in the value: on the worker over the wire as UTF-8 bytes
/// (the fuzz client's RequestHeaderEncodingSelector), in memory as the .NET characters</description></item>
/// <item><term>Control</term><description>CR LF, CR, LF, NUL, U+0001 or DEL in the value. On the worker HttpClient (SocketsHttpHandler,
/// .NET 10) writes them as raw bytes, unchecked when added with TryAddWithoutValidation: CR LF ends the header line, so what
/// follows is a header line of its own ("X-Injected: 1") or a malformed one; Kestrel refuses bare CR, LF, NUL and malformed
/// lines with 400 before any app code. In memory they reach the app as characters</description></item>
/// </list>
/// Not generated: header names that are not tokens (spaces, colons, non-ASCII in the name), obsolete line folding, bytes that are
/// not UTF-8 in a value (Latin-1 high bytes), a Content-Length that lies, Transfer-Encoding tricks, HTTP/2 pseudo-headers,
/// and any header outside the list but the few of the extra-header generator (X-Forwarded-Host, X-Original-URL,
/// X-HTTP-Method-Override, Accept, Accept-Charset, Cookie, Range).
/// </summary>
public enum HeaderClass
{
    Absent,
    Typical,
    Empty,
    Blank,
    Duplicated,
    OddCase,
    OverLong,
    NonAscii,
    Control,
}

/// <summary>
/// FsCheck generators of hostile HTTP input for the routes of <see cref="PortalApi.Routes"/>: malformed, truncated and deeply
/// nested JSON, wrong types, huge and unicode-edge strings, duplicate keys, odd path ids, garbage credentials, If-Match,
/// Content-Type and CloudEvents headers. Half of the requests carry valid credentials, so that the garbage reaches the
/// validation and the handlers behind the 401 gate.
/// </summary>
public static class FuzzInputs
{
    private static readonly string[] EdgeStrings =
    [
        "", " ", "null", "undefined", "0", "-1", "1e309", "NaN", "true", "[]", "{}", "a@b", "@", "a@b.c", "x@example.test",
        "ÄÖÜ@ümlaut.de", "a@b.de\r\nBcc: x@example.test", "C12345678", "c12345678", "+49301234567", "0049301234567", "+999999999999999999",
        "../../etc/passwd", "..", "%00", "%2e%2e%2f", "<script>alert(1)</script>", "' or PartitionKey ne '", "${jndi:ldap://x}", "{{7*7}}",
        "\u202Egnp.exe", "\u200F\u200E\u200B", "\uFEFFbom", "İstanbul", "ß", "😀", "\uD83D", "\uDE00", "a\u0000b", "\u0000", "\u2028\u2029",
        "e\u0301\u0301\u0301", "\uFFFF\uFFFE", "|g|shop", "user|x", "owner|x", "shop", "user-management", "cloud-pbx", "voicemail",
        new string('a', 101), new string('a', 245) + "@example.test", new string('x', 129), "a\tb", "\\", "\"", "/", "#", "?", "%", "%%%",
        "webrtc", "pbx.device.created", "sip.account.upserted", "1.0", "2026-02-30T25:61:61Z", "-0", "9223372036854775808",
    ];

    private static readonly char[] EdgeChars =
    [
        '\0', '\u202E', '\u200F', '\u200B', '\uFEFF', '\uD800', '\uDFFF', '\u2028', '\u0130', 'ß', '\uFFFD', '\uFFFF', '\u0085', '\u00A0',
        '\u0301', '"', '\\', '/', '#', '?', '%', '|', '\n', '\t', '<', '\'', '\uD83D', '\uDE00', 'a', '1', '-', '.', '@', '+',
    ];

    private static readonly string[] AreaIds = [.. Catalog.AreaIds, "root", "SHOP", "shop "];
    private static readonly string[] FeatureIds = [.. Catalog.DeskFeatureIds, "root", "VOICEMAIL"];
    private static readonly string[] EventTypes =
        ["pbx.device.created", "pbx.device.deleted", "sip.account.upserted", "sip.account.deleted", "pbx.unknown", "", "PBX.DEVICE.CREATED"];

    private static Gen<char> Ascii => Gen.Choose(0x20, 0x7E).Select(i => (char)i);

    private static Gen<char> AnyUtf16 => Gen.Choose(0, 0xFFFF).Select(i => (char)i);

    private static Gen<char> Alnum => Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".ToCharArray());

    private static Gen<string> Text(Gen<char> chars, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(chars, n)).Select(a => new string(a));

    /// <summary>Zero to <paramref name="max"/> values.</summary>
    private static Gen<List<T>> Some<T>(Gen<T> gen, int max) => Gen.Choose(0, max).SelectMany(n => Gen.ListOf(gen, n)).Select(l => l.ToList());

    /// <summary>A long string of one repeated character or snippet: <paramref name="min"/> to <paramref name="max"/> characters.</summary>
    private static Gen<string> Long(int min, int max) =>
        from unit in Gen.Elements("a", "ü", "😀", "\u202E", "\\\"", "\0", "x@")
        from n in Gen.Choose(min, max)
        select new StringBuilder(n).Insert(0, unit, Math.Max(1, n / unit.Length)).ToString();

    /// <summary>Strings a careless parser, validator, table key or log line may trip over.</summary>
    public static Gen<string> WeirdString { get; } = Gen.Frequency(
        (4, Gen.Elements(EdgeStrings)),
        (2, Text(AnyUtf16, 0, 40)),
        (2, Text(Gen.Elements(EdgeChars), 1, 24)),
        (1, Text(Ascii, 0, 300)),
        (1, Long(1_000, 10_000)),
        (1, Long(60_000, 100_000)));

    /// <summary>A secret marked so that a log search finds it: "pw-" and 20 random letters or digits.</summary>
    private static Gen<string> Secret(string prefix) => Text(Alnum, 20, 20).Select(s => prefix + s);

    private static Gen<string> FreshEmail => Text(Alnum, 12, 12).Select(s => $"fuzz.{s.ToLowerInvariant()}@example.test");

    /// <summary>A JSON string literal of any .NET string: lone surrogates and control characters escaped, so the text stays UTF-8.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (pair)
            {
                sb.Append(c).Append(value[++i]);
            }
            else if (c is '"' or '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c < 0x20 || char.IsSurrogate(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Any JSON value, nested at most <paramref name="depth"/> deep.</summary>
    private static Gen<string> JsonValue(int depth)
    {
        var scalar = Gen.Frequency(
            (1, Gen.Elements("null", "true", "false", "0", "-0", "1.5", "1e309", "-1e-400", "99999999999999999999999", "-2147483649", "[]", "{}")),
            (2, WeirdString.Select(Quote)));
        if (depth == 0)
        {
            return scalar;
        }
        var inner = JsonValue(depth - 1);
        return Gen.Frequency(
            (4, scalar),
            (1, Some(inner, 4).Select(items => "[" + string.Join(",", items) + "]")),
            (1, Some(Gen.Zip(WeirdString, inner), 3).Select(members => "{" + string.Join(",", members.Select(m => Quote(m.Item1) + ":" + m.Item2)) + "}")));
    }

    /// <summary>A value for a field named <paramref name="field"/> that passes or nearly passes validation, and the secret it is (if any).</summary>
    private static Gen<(string Json, string? Secret)> GoodValue(string field, FuzzTargets t)
    {
        static Gen<(string, string?)> Plain(Gen<string> text) => text.Select(s => (Quote(s), (string?)null));
        static Gen<(string, string?)> Array(string[] ids) =>
            Gen.SubListOf(ids).Select(list => ("[" + string.Join(",", list.Select(Quote)) + "]", (string?)null));
        return field switch
        {
            "name" or "userName" => Plain(Gen.OneOf(Text(Alnum, 1, 12).Select(s => "Fuzz " + s), Gen.Constant("Ö"), Gen.Constant(new string('n', 100)))),
            "email" or "userEmail" => Plain(Gen.Frequency((4, FreshEmail), (1, Gen.Elements(t.UserEmails.ToArray())),
                (1, Gen.Elements(t.UserEmails.ToArray()).Select(e => e.ToUpperInvariant())))),
            // mostly ids of the catalog only, so that creates and updates get through to the tables
            "areas" => Gen.Frequency((3, Array([.. Catalog.AreaIds])), (1, Array(AreaIds))),
            "features" => Gen.Frequency((3, Array([.. Catalog.DeskFeatureIds])), (1, Array(FeatureIds))),
            "extension" => Plain(Gen.Choose(1, 999_999).Select(n => n.ToString(CultureInfo.InvariantCulture))),
            "login" => Plain(Gen.Elements([t.CustomerNumber, t.CustomerNumber.ToLowerInvariant(), .. t.UserEmails, "+49301234567", "0049301234567", "nobody@example.test"])),
            "password" or "newPassword" or "currentPassword" => Gen.Frequency(
                (4, Secret("pw-").Select(s => (Quote(s), (string?)s))),
                (1, Plain(Gen.Elements("short", t.CustomerNumber + "-and-more-text", new string('p', 129))))),
            "token" => Plain(Gen.Frequency((2, Gen.Constant(t.LinkToken)), (1, Text(Alnum, 43, 43)), (1, Gen.Constant(t.LinkToken[..^1])))),
            "refreshToken" => Gen.Frequency((2, Gen.Constant((Quote(t.RefreshToken), (string?)t.RefreshToken))),
                (1, Secret("rt-").Select(s => (Quote(s), (string?)s)))),
            "customerNumber" => Plain(Gen.Elements([t.CustomerNumber, .. t.SpareCustomers, "0bad"])),
            "deviceId" or "sipAccountId" => Plain(Gen.Elements("dev-1", "dev-2", "sip-1", "sip-2")),
            "deviceType" => Plain(Gen.Elements("webrtc", "WEBRTC", "sip-phone", "")),
            "number" => Plain(Gen.Elements("+49301234567", "+4930123456", "0049301234568", "+1", "+49301234567\0")),
            _ => Plain(Text(Alnum, 1, 20)),
        };
    }

    /// <summary>A field's value: mostly one that nearly passes, else a weird string or a value of a wrong type; null for a left-out field.</summary>
    private static Gen<(string Json, string? Secret)?> FieldValue(string field, FuzzTargets t) => Gen.Frequency(
        (6, GoodValue(field, t).Select(v => ((string, string?)?)v)),
        (2, WeirdString.Select(s => ((string, string?)?)(Quote(s), null))),
        (1, JsonValue(2).Select(j => ((string, string?)?)(j, null))),
        (1, Gen.Constant<(string, string?)?>(null)));

    /// <summary>A JSON object with these fields (some left out, some doubled, some of a wrong type, unknown ones added), as text.</summary>
    private static Gen<(string Text, string[] Secrets)> ObjectOf(string[] fields, FuzzTargets t)
    {
        var members = fields.Select(f => FieldValue(f, t).Select(v => (Field: f, Value: v))).ToArray();
        var extra = Gen.Frequency(
            (5, Gen.Constant("")),
            (1, Gen.Zip(WeirdString, JsonValue(1)).Select(kv => Quote(kv.Item1) + ":" + kv.Item2)),
            (1, Gen.Elements(fields).SelectMany(f => GoodValue(f, t)
                .Select(v => Quote(f.ToUpperInvariant()) + ":" + v.Json))));
        return from values in Gen.CollectToArray(members)
               from more in extra
               from doubled in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
               let present = values.Where(v => v.Value is not null).ToList()
               let text = present.Select(v => Quote(v.Field) + ":" + v.Value!.Value.Json)
                   .Concat(doubled && present.Count > 0 ? [Quote(present[0].Field) + ":" + present[^1].Value!.Value.Json] : [])
                   .Append(more).Where(m => m.Length > 0)
               select ("{" + string.Join(",", text) + "}", present.Select(v => v.Value!.Value.Secret).OfType<string>().ToArray());
    }

    /// <summary>A JSON object with a near-valid value for each of these fields, so that the request gets through to the handler.</summary>
    private static Gen<(string Text, string[] Secrets)> WellFormed(string[] fields, FuzzTargets t) =>
        Gen.CollectToArray(fields.Select(f => GoodValue(f, t).Select(v => (Field: f, v.Json, v.Secret))))
            .Select(values => ("{" + string.Join(",", values.Select(v => Quote(v.Field) + ":" + v.Json)) + "}", values.Select(v => v.Secret).OfType<string>().ToArray()));

    /// <summary>A body for a route that reads <paramref name="fields"/>: a near-valid object, or one of many ways of being broken.</summary>
    private static Gen<FuzzBody> BodyOf(string[] fields, FuzzTargets t)
    {
        var objects = ObjectOf(fields, t);
        return Gen.Frequency(
            (4, WellFormed(fields, t).Select(o => FuzzBody.Json(o.Text, "well-formed", o.Secrets))),
            (8, objects.Select(o => FuzzBody.Json(o.Text, "object", o.Secrets))),
            (2, objects.SelectMany(o => Gen.Choose(0, Math.Max(0, Encoding.UTF8.GetByteCount(o.Text) - 1))
                .Select(cut => new FuzzBody(Encoding.UTF8.GetBytes(o.Text)[..cut], "truncated", o.Secrets)))),
            (1, Gen.Elements("", " ", "\n", "[]", "null", "42", "\"s\"", "true", "[{}]", "{}", "{\"a\":1,}", "{'a':1}", "{\"a\" 1}", "\uFEFF{}")
                .Select(s => FuzzBody.Json(s, "not an object"))),
            (1, Gen.Elements(8, 15, 16, 17, 64, 1_000, 20_000).SelectMany(depth => Gen.Elements(fields.Length == 0 ? ["x"] : fields)
                .Select(f => FuzzBody.Json($"{{{Quote(f)}:{new string('[', depth)}{new string(']', depth)}}}", $"nested {depth}")))),
            (1, Gen.Elements(16, 17, 500).Select(depth =>
                FuzzBody.Json(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth), $"nested objects {depth}"))),
            (1, Gen.Zip(Gen.Elements(fields.Length == 0 ? ["x"] : fields), Gen.Elements(60_000, 66_000, 100_000))
                .Select(p => FuzzBody.Json($"{{{Quote(p.Item1)}:{Quote(new string('x', p.Item2))}}}", $"huge {p.Item2}"))),
            (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(b => new FuzzBody(b, "random bytes", []))),
            (1, objects.Select(o => new FuzzBody([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(o.Text)], "UTF-8 BOM", o.Secrets))),
            (1, objects.Select(o => new FuzzBody(Encoding.Unicode.GetBytes(o.Text), "UTF-16", o.Secrets))),
            (1, objects.Select(o => new FuzzBody([.. Encoding.UTF8.GetBytes(o.Text[..^1]), .. ",\"x\":\""u8, 0xED, 0xA0, 0x80, 0xFF, .. "\"}"u8],
                "invalid UTF-8", o.Secrets))),
            (1, JsonValue(3).Select(j => FuzzBody.Json(j, "any JSON"))));
    }

    /// <summary>One CloudEvent as JSON: its attributes and data mostly right, sometimes not.</summary>
    private static Gen<(string Text, string[] Secrets)> CloudEvent(FuzzTargets t)
    {
        string[] dataFields = ["customerNumber", "deviceId", "deviceType", "extension", "userName", "userEmail", "sipAccountId", "number", "password"];
        var data = Gen.Frequency(
            (3, WellFormed(dataFields, t)),
            (6, ObjectOf(dataFields, t)),
            (1, JsonValue(2).Select(j => (j, Array.Empty<string>()))),
            (1, ObjectOf(dataFields, t).Select(o => (Quote(o.Text), o.Secrets))));
        var attribute = (string good, Gen<string> alternative) => Gen.Frequency((6, Gen.Constant(Quote(good))), (1, alternative.Select(Quote)),
            (1, JsonValue(1)), (1, Gen.Constant("")));
        return from id in Gen.Frequency((5, Text(Alnum, 8, 32)), (1, WeirdString))
               from specVersion in attribute("1.0", Gen.Elements("0.3", "2.0", ""))
               from eventId in attribute(id, WeirdString)
               from source in attribute("urn:telephony:fuzz", Gen.Elements("", "not a uri", "http://[::1", "urn:"))
               from type in Gen.Elements(EventTypes).SelectMany(type => attribute(type, WeirdString))
               from time in attribute("2026-11-27T07:00:00Z", Gen.Elements("yesterday", "2026-02-30T25:61:61Z", ""))
               from contentType in attribute("application/json", Gen.Elements("text/plain", "application/xml", ""))
               from body in data
               from dataKey in Gen.Frequency((8, Gen.Constant("data")), (1, Gen.Constant("data_base64")), (1, Gen.Constant("")))
               let members = new[]
               {
                   ("specversion", specVersion), ("id", eventId), ("source", source), ("type", type), ("time", time),
                   ("datacontenttype", contentType), (dataKey, body.Item1),
               }
               select ("{" + string.Join(",", members.Where(m => m.Item1.Length > 0 && m.Item2.Length > 0).Select(m => Quote(m.Item1) + ":" + m.Item2)) + "}",
                   body.Item2);
    }

    /// <summary>A body of the telephony route: a structured event, a batch, binary-mode data, or the generic garbage.</summary>
    private static Gen<(FuzzBody Body, string ContentType, KeyValuePair<string, string>[] CeHeaders)> TelephonyBody(FuzzTargets t)
    {
        var ceHeaders = from type in Gen.Elements(EventTypes)
                        from id in Text(Alnum, 0, 32)
                        from specVersion in Gen.Elements("1.0", "1.0", "0.3", "x", "")
                        from source in Gen.Elements("urn:telephony:fuzz", "", "%%%")
                        select new KeyValuePair<string, string>[]
                        {
                            new("ce-specversion", specVersion), new("ce-id", id), new("ce-source", source), new("ce-type", type),
                            new("ce-time", "2026-11-27T07:00:00Z"),
                        }.Where(h => h.Value.Length > 0).ToArray();
        var eventType = Gen.Elements("application/cloudevents+json", "application/cloudevents+json; charset=utf-8", "application/cloudevents-batch+json",
            "application/json", "text/plain", "application/cloudevents+json; charset=latin1");
        return Gen.Frequency(
            (4, from e in CloudEvent(t)
                from type in eventType
                select (FuzzBody.Json(e.Text, "cloudevent", e.Secrets), type, Array.Empty<KeyValuePair<string, string>>())),
            (3, from events in Some(CloudEvent(t), 5)
                from type in Gen.Frequency((4, Gen.Constant("application/cloudevents-batch+json")), (1, eventType))
                select (FuzzBody.Json("[" + string.Join(",", events.Select(e => e.Text)) + "]", $"batch of {events.Count}", [.. events.SelectMany(e => e.Secrets)]),
                    type, Array.Empty<KeyValuePair<string, string>>())),
            (3, from data in BodyOf(["customerNumber", "deviceId", "deviceType", "extension", "userName", "userEmail", "sipAccountId", "number", "password"], t)
                from headers in ceHeaders
                from type in Gen.Elements("application/json", "application/json", "text/plain", "application/cloudevents+json")
                select (data with { Shape = "binary " + data.Shape }, type, headers)));
    }

    private static Gen<string?> ContentType(bool forEvents) => Gen.Frequency<string?>(
        (12, Gen.Constant<string?>("application/json")),
        (1, Gen.Constant<string?>(null)),
        (1, Gen.Elements<string?>("application/json; charset=utf-8", "application/json; charset=latin1", "APPLICATION/JSON", "application/problem+json",
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json;;;", ";", "*/*", "application/",
            "application/json; charset=\"utf-8\"", "application/cloudevents+json", "application/cloudevents-batch+json", "text/json",
            forEvents ? "application/cloudevents+json; charset=utf-8" : "application/vnd.api+json")));

    /// <summary>Header text (ASCII without line breaks, as HTTP allows): edge strings that fit, or random printable characters.</summary>
    private static Gen<string> HeaderText => Gen.Frequency(
        (3, Gen.Elements(EdgeStrings.Where(s => s.All(c => c is >= ' ' and <= '~')).ToArray())),
        (2, Text(Ascii, 0, 80)),
        // long, but four of them stay under Kestrel's 32 KiB of headers
        (1, Gen.Choose(1_000, 5_000).Select(n => new string('A', n))));

    /// <summary>An Authorization header that is not a valid credential: other schemes, empty, random and forged JWT-looking tokens.</summary>
    private static Gen<string?> GarbageAuthorization(FuzzTargets t)
    {
        static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var forged = from alg in Gen.Elements("none", "HS256", "ES256", "RS256", "ES256K", "")
                     from kid in Text(Alnum, 0, 16)
                     from sub in Gen.Elements([t.OwnerId, .. t.UserIds, "x"])
                     from kind in Gen.Elements("owner", "user", "pbx-desk", "nobody", "")
                     from exp in Gen.Elements(0L, 4_102_444_800L, -1L, long.MaxValue)
                     from signature in Text(Alnum, 0, 86)
                     select $"Bearer {B64($"{{\"alg\":\"{alg}\",\"kid\":\"{kid}\",\"typ\":\"JWT\"}}")}.{B64(
                         $"{{\"sub\":\"{sub}\",\"cid\":\"{t.CustomerNumber}\",\"kind\":\"{kind}\",\"iss\":\"portal-access\",\"aud\":\"portal\",\"exp\":{exp},\"areas\":[\"user-management\"]}}")}.{signature}";
        var token = t.AccessToken;
        var mutated = Gen.Frequency(
            (1, Gen.Choose(0, token.Length - 1).Select(i => token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..])),
            (1, Gen.Choose(0, token.Length - 1).Select(i => token[..i])),
            (1, Gen.Elements(token + "x", token + "." + token, token.Split('.')[0] + "." + token.Split('.')[1] + ".", token.Split('.')[0] + ".e30.")));
        return Gen.Frequency<string?>(
            (3, Gen.Constant<string?>(null)),
            (3, forged.Select(s => (string?)s)),
            (2, mutated.Select(s => (string?)("Bearer " + s))),
            (1, Gen.Elements<string?>("Bearer", "Bearer ", "bearer", "Basic dXNlcjpwYXNz", "Digest username=\"x\"", "Negotiate YII=", "Bearer a b c",
                $"Bearer {token}, Bearer {token}", $"Basic {token}", $"Token {token}", $"Bearer  {token} ", $"Bearer {t.RefreshToken}",
                "Bearer " + new string('A', 9_000))),
            (1, HeaderText.Select(s => (string?)s)),
            (1, Text(Alnum, 1, 200).Select(s => (string?)("Bearer " + s))));
    }

    /// <summary>A path segment: real ids of the customer's principals (some with a suffix), random ids, and odd ones.</summary>
    private static Gen<string> IdSegment(FuzzTargets t) => Gen.Frequency(
        (5, Gen.Elements([t.OwnerId, .. t.UserIds, .. t.DeskIds])),
        (1, Gen.Elements([.. t.UserIds, .. t.DeskIds]).SelectMany(id => Gen.Elements("|g|invoices", "%7Cg%7Cinvoices", "|", "%7C", "|g|", "/", "%2F", "%00", " ", "%20", "..", "x")
            .Select(suffix => id + suffix))),
        (1, Gen.Elements([.. t.UserIds, .. t.DeskIds]).Select(id => id.ToUpperInvariant())),
        (1, Text(Gen.Elements("0123456789abcdef".ToCharArray()), 32, 32)),
        (3, OddSegment));

    private static Gen<string> OddSegment => Gen.Frequency(
        (3, Gen.Elements("..", ".", "%2e%2e", "..%2F..%2Fusers", "%2E", "%00", "%FF", "%ED%A0%80", "%C0%AF", "%25", "a%2Fb", "%20", "+", "~", "'", "*", "$",
            "%E2%80%AE", "%EF%BB%BF", "%F0%9F%98%80", "%0D%0A", "%3F", "%23", "%7C", "owner%7Cx", "user%7C", "%", "%%", "%zz", "%u0041", "null", "0")),
        // encoded, under 4 KiB: with the query the request line stays under Kestrel's 8 KiB, so the request reaches the app
        (2, WeirdString.Where(s => s.Length < 1_000).Select(PercentEncode).Where(s => s.Length < 4_000)),
        (1, Gen.Elements(255, 1_000, 4_000).Select(n => new string('a', n))));

    private static Gen<string> CustomerSegment(FuzzTargets t) => Gen.Frequency(
        (3, Gen.Elements(t.SpareCustomers.ToArray())),
        (1, Gen.Elements(t.SpareCustomers.ToArray()).Select(c => c.ToLowerInvariant())),
        (1, Text(Gen.Elements("0123456789".ToCharArray()), 6, 8).Select(d => "FZ" + d)),
        (3, OddSegment));

    /// <summary>Percent-encodes every byte of the UTF-8 of <paramref name="value"/> but the unreserved ones; a lone surrogate becomes the bytes of its code point (invalid UTF-8).</summary>
    private static string PercentEncode(string value)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            byte[] bytes;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                bytes = Encoding.UTF8.GetBytes(value.Substring(i++, 2));
            }
            else if (char.IsSurrogate(c))
            {
                bytes = [(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))];
            }
            else
            {
                bytes = Encoding.UTF8.GetBytes(c.ToString());
            }
            foreach (var b in bytes)
            {
                if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
                {
                    sb.Append((char)b);
                }
                else
                {
                    sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The classes of query string the fuzz sends, on every route (paging routes get paging parameters more often):
    /// absent; a bare <c>?</c>; a parameter with no value and with none at all (<c>?pageSize=</c>, <c>?pageSize</c>); repeated
    /// (<c>?pageSize=1&amp;pageSize=2</c>); unknown parameters; <c>pageSize</c> at and past its bounds (0, 1, 200, 201, -1,
    /// int.MaxValue and past it, signs, blanks, exponents); <c>continuation</c> empty, not base64url, base64url of what the
    /// server would not write (other keys, invalid UTF-8), and long (to 7,000 characters, near Kestrel's 8 KiB request line);
    /// <c>code</c> (the function key as a query) with garbage; odd encoded names and values. Not generated: a query past 8 KiB
    /// (Kestrel's 414 before the app), <c>;</c> as a separator, raw non-ASCII or unencoded control bytes in the request line.
    /// </summary>
    public static readonly string[] QueryClasses =
        ["absent", "bare ?", "no value", "repeated", "unknown", "pageSize bounds", "continuation", "code", "odd"];

    private static string B64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Gen<(string Query, string Shape)> Query(ApiRoute route)
    {
        var paging = route.Method == "GET" && route.Response?.Name.StartsWith("Page", StringComparison.Ordinal) == true;
        var pageSize = Gen.Elements("0", "1", "200", "201", "-1", "+1", "01", " 1", "1 ", "1.0", "1e3", "2147483647", "2147483648", "99999999999999999999",
            "", "%00", "%20", "%EF%BC%91", "0x10", "NaN");
        var continuation = Gen.Frequency(
            (2, Gen.Elements("", "%00", "=", "====", "a", "ab", "abc", "%%%", "+/+/", "a b", "user|x", "..", "null", "%FF%FE")),
            (2, Gen.Elements("user|", "desk|", "owner|", "user|\uffff", "~", "user|00000000000000000000000000000000", "audit|x", "")
                .Select(k => B64Url(Encoding.UTF8.GetBytes(k)))),
            (1, Gen.Constant(B64Url([0xED, 0xA0, 0x80, 0xFF, 0xC0, 0xAF]))),
            (1, Gen.Elements(1_000, 4_000, 7_000).Select(n => new string('A', n))),
            (1, Text(Alnum, 1, 60)));
        return Gen.Frequency(
            (paging ? 6 : 12, Gen.Constant(("", "absent"))),
            (1, Gen.Elements("?", "?&", "?&&", "?=", "?=x").Select(q => (q, "bare ?"))),
            (1, Gen.Elements("pageSize", "continuation", "code").SelectMany(k => Gen.Elements($"?{k}=", $"?{k}", $"?{k}=&{k}=")).Select(q => (q, "no value"))),
            (paging ? 2 : 1, from k in Gen.Elements("pageSize", "continuation", "code")
                             from a in Gen.OneOf(pageSize, continuation)
                             from b in Gen.OneOf(pageSize, continuation)
                             select ($"?{k}={a}&{k}={b}", "repeated")),
            (1, from k in Gen.Elements("foo", "pagesize", "PAGESIZE", "pageSize[]", "page_size", "$top", "continuationToken", "api-version", "%00", "%E2%80%AE")
                from v in Gen.Elements("1", "", "x", "%00")
                select ($"?{k}={v}", "unknown")),
            (paging ? 6 : 1, pageSize.Select(v => ($"?pageSize={v}", "pageSize bounds"))),
            (paging ? 6 : 1, from c in continuation
                             from size in Gen.Elements("", "&pageSize=1", "&pageSize=200", "&pageSize=201")
                             select ($"?continuation={c}{size}", "continuation")),
            (1, HeaderText.Select(v => ("?code=" + Uri.EscapeDataString(v), "code"))),
            (1, OddSegment.Where(v => v.Length < 1_000).Select(v => ($"?{v}={v}&{v}", "odd"))));
    }

    /// <summary>
    /// The headers the fuzz varies on every route, each through every <see cref="HeaderClass"/>: Content-Type, the two
    /// credentials, If-Match, the binary-mode CloudEvents headers, and the three whose values the hosts read or echo.
    /// </summary>
    public static readonly string[] VariedHeaders =
    [
        "Content-Type", "Authorization", "If-Match", "x-functions-key", "ce-specversion", "ce-id", "ce-source", "ce-type", "ce-time",
        "ce-subject", "Origin", "X-Forwarded-For", "WebHook-Request-Origin",
    ];

    /// <summary>A value of <paramref name="name"/> that the routes take, or nearly.</summary>
    private static Gen<string> TypicalValue(string name, FuzzTargets t) => name switch
    {
        "Content-Type" => Gen.Elements("application/json", "application/cloudevents+json", "application/cloudevents-batch+json", "text/plain",
            "application/json; charset=utf-8"),
        "Authorization" => Gen.Elements("Bearer " + t.AccessToken, "Bearer x", "Basic dXNlcjpwYXNz"),
        "If-Match" => Gen.Elements("*", "\"x\"", "W/\"x\""),
        "x-functions-key" => Gen.Elements(PortalApp.SystemKey, "wrong-key"),
        "ce-specversion" => Gen.Elements("1.0", "0.3"),
        "ce-id" => Text(Alnum, 1, 32),
        "ce-source" => Gen.Elements("urn:telephony:fuzz", "/pbx"),
        "ce-type" => Gen.Elements(EventTypes),
        "ce-time" => Gen.Elements("2026-11-27T07:00:00Z", "yesterday"),
        "Origin" => Gen.Elements([.. PortalApp.CorsOrigins, "https://evil.example", "null"]),
        "X-Forwarded-For" => Gen.Elements("203.0.113.7", "198.51.100.1, 203.0.113.7", "::1", "unknown", "[::1]:80"),
        "WebHook-Request-Origin" => Gen.Elements("pbx.example", "eventgrid.azure.net", "*"),
        _ => Text(Alnum, 1, 20),
    };

    /// <summary>One header given one class: the values drawn for it, applied by <see cref="Apply"/>.</summary>
    private sealed record HeaderPick(string Name, HeaderClass Class, string Typical, string Other, string Blank, string Insert, int Length, int Case);

    private static Gen<HeaderPick> Pick(FuzzTargets t) =>
        from name in Gen.Elements(VariedHeaders)
        from @class in Gen.Elements(Enum.GetValues<HeaderClass>())
        from typical in TypicalValue(name, t)
        from other in TypicalValue(name, t)
        from blank in Gen.Elements(" ", "   ", "\t", " \t ")
        from insert in @class == HeaderClass.Control
            ? Gen.Elements("\r\n", "\n", "\r", "\0", "\u007F", "\u0001", "\r\nX-Injected: 1")
            : Gen.Elements("ü", "€", "😀", "\u00A0", "\u0080", "\uFFFD", "Ä\u0301")
        from length in Gen.Frequency((4, Gen.Choose(1_000, 9_000)), (1, Gen.Elements(20_000, 40_000)))
        from letterCase in Gen.Choose(0, 2)
        select new HeaderPick(name, @class, typical, other, blank, insert, length, letterCase);

    private static string OddCase(string name, int style) => style switch
    {
        0 => name.ToUpperInvariant(),
        1 => name.All(c => !char.IsUpper(c)) ? string.Concat(name.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c)) : name.ToLowerInvariant(),
        _ => string.Concat(name.Select((c, i) => i % 2 == 1 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))),
    };

    /// <summary>The case with <paramref name="pick"/>'s header in its class: every value it had under any casing replaced.</summary>
    private static FuzzCase Apply(FuzzCase c, HeaderPick pick)
    {
        var isContentType = pick.Name == "Content-Type";
        var current = isContentType ? c.ContentType ?? c.Headers.FirstOrDefault(h => h.Key.Equals(pick.Name, StringComparison.OrdinalIgnoreCase)).Value
            : c.Headers.FirstOrDefault(h => h.Key.Equals(pick.Name, StringComparison.OrdinalIgnoreCase)).Value;
        var value = string.IsNullOrEmpty(current) ? pick.Typical : current;
        KeyValuePair<string, string> H(string v) => new(pick.Name, v);
        KeyValuePair<string, string>[] varied = pick.Class switch
        {
            HeaderClass.Absent => [],
            HeaderClass.Typical => [H(pick.Typical)],
            HeaderClass.Empty => [H("")],
            HeaderClass.Blank => [H(pick.Blank)],
            HeaderClass.Duplicated => [H(value), H(pick.Other == value ? value + "x" : pick.Other)],
            HeaderClass.OddCase => [new(OddCase(pick.Name, pick.Case), value)],
            HeaderClass.OverLong => [H(value + new string(value.Length > 0 ? value[^1] : 'A', Math.Max(0, pick.Length - value.Length)))],
            _ => [H(value[..(value.Length / 2)] + pick.Insert + value[(value.Length / 2)..])],
        };
        return c with
        {
            Headers = [.. c.Headers.Where(h => !h.Key.Equals(pick.Name, StringComparison.OrdinalIgnoreCase)), .. varied],
            ContentType = isContentType ? null : c.ContentType,
            Shapes = [.. c.Shapes, $"{pick.Name}: {pick.Class}"],
        };
    }

    /// <summary>Most cases get one or two of their headers varied, some none, so that credentialed garbage still reaches the handlers.</summary>
    private static Gen<FuzzCase> Varied(FuzzCase c, FuzzTargets t) =>
        from n in Gen.Frequency((3, Gen.Constant(0)), (5, Gen.Constant(1)), (2, Gen.Constant(2)))
        from picks in Gen.ListOf(Pick(t), n)
        select picks.Aggregate(c, Apply);

    /// <summary>One request aimed at <paramref name="route"/>, with valid credentials when <paramref name="credentialed"/>.</summary>
    public static Gen<FuzzCase> For(ApiRoute route, bool credentialed, FuzzTargets t)
    {
        var fields = route.Request?.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToArray() ?? [];
        var isEvents = route.Template == ApiRoutes.TelephonyEvents && route.Method == "POST";
        var bodyGen = isEvents
            ? TelephonyBody(t).Select(b => ((FuzzBody?)b.Body, (string?)b.ContentType, b.CeHeaders))
            : route.Request is not null
                ? from body in BodyOf(fields, t)
                  from type in ContentType(false)
                  select ((FuzzBody?)body, type, Array.Empty<KeyValuePair<string, string>>())
                : Gen.Frequency(
                    (5, Gen.Constant(((FuzzBody?)null, (string?)null, Array.Empty<KeyValuePair<string, string>>()))),
                    (1, from body in BodyOf(["name", "email"], t)
                        from type in ContentType(false)
                        select ((FuzzBody?)body, type, Array.Empty<KeyValuePair<string, string>>())));
        var path = "/" + ApiRoutes.Prefix + "/" + route.Template;
        var pathGen = !route.Template.Contains('{', StringComparison.Ordinal)
            ? Gen.Constant((Path: path, Segment: (string?)null))
            : (route.Template.Contains("{customerNumber}", StringComparison.Ordinal) ? CustomerSegment(t) : IdSegment(t))
                .Select(segment => (Path: path[..path.IndexOf('{', StringComparison.Ordinal)] + segment + path[(path.IndexOf('}', StringComparison.Ordinal) + 1)..],
                    Segment: (string?)segment));
        var credential = route.Access == RouteAccess.SystemKey
            ? Gen.Constant(new KeyValuePair<string, string>("x-functions-key", PortalApp.SystemKey))
            : Gen.Constant(new KeyValuePair<string, string>("Authorization", "Bearer " + t.AccessToken));
        var garbageCredential = from auth in GarbageAuthorization(t)
                                from key in Gen.Frequency<string?>((3, Gen.Constant<string?>(null)), (1, HeaderText.Select(s => (string?)s)),
                                    (1, Gen.Constant<string?>(PortalApp.SystemKey + "x")), (1, Gen.Constant<string?>(PortalApp.SystemKey.ToUpperInvariant())))
                                select new[] { new KeyValuePair<string, string?>("Authorization", auth), new KeyValuePair<string, string?>("x-functions-key", key) }
                                    .Where(h => h.Value is not null).Select(h => new KeyValuePair<string, string>(h.Key, h.Value!)).ToArray();
        var ifMatch = Gen.Frequency<string?>(
            (6, Gen.Constant<string?>(null)),
            (1, Gen.Elements<string?>("*", "\"*\"", "W/\"datetime'2026-11-27T07%3A00%3A00.0000000Z'\"", "\"\"", "W/", "*, \"x\"", "\"x\", \"y\"")),
            (1, HeaderText.Select(s => (string?)s)));
        var extraHeaders = Gen.Frequency(
            (6, Gen.Constant(Array.Empty<KeyValuePair<string, string>>())),
            (1, from type in Gen.Elements(EventTypes)
                from id in HeaderText
                select new KeyValuePair<string, string>[] { new("ce-specversion", "1.0"), new("ce-type", type), new("ce-id", id), new("ce-source", "urn:x") }),
            (1, from name in Gen.Elements("X-Forwarded-For", "X-Forwarded-Host", "X-Original-URL", "X-HTTP-Method-Override", "Accept", "Origin",
                    "WebHook-Request-Origin", "Accept-Charset", "Cookie", "Range")
                from value in HeaderText
                select new KeyValuePair<string, string>[] { new(name, value) }));
        var methodGen = route.Method == "GET" ? Gen.Frequency((19, Gen.Constant("GET")), (1, Gen.Constant("HEAD"))) : Gen.Constant(route.Method);
        return from method in methodGen
               from p in pathGen
               from query in Query(route)
               from body in bodyGen
               from auth in credentialed ? credential.Select(c => new[] { c }) : garbageCredential
               from match in ifMatch
               from extra in extraHeaders
               let headers = auth.Concat(match is null ? [] : [new KeyValuePair<string, string>("If-Match", match)]).Concat(body.Item3).Concat(extra).ToList()
               from varied in Varied(new FuzzCase(route, credentialed, method, p.Path + query.Query, p.Segment, headers, body.Item1, body.Item1 is null ? null : body.Item2)
                   { QueryShape = query.Shape }, t)
               select varied;
    }

    /// <summary>Requests spread evenly over every route of the table, half of them with valid credentials.</summary>
    public static Gen<FuzzCase> AnyRoute(IReadOnlyList<ApiRoute> routes, FuzzTargets t)
    {
        var perRoute = routes.SelectMany(r => new[] { For(r, true, t), For(r, false, t) }).ToArray();
        return Gen.OneOf(perRoute);
    }
}
