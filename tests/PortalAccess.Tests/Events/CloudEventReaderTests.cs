using System.Text.Json;
using CloudNative.CloudEvents;
using Microsoft.AspNetCore.Http;
using PortalAccess.Events;
using PortalAccess.Http;

namespace PortalAccess.Tests.Events;

public class CloudEventReaderTests
{
    private const string Event = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"urn:t\",\"type\":\"pbx.device.created\",\"data\":{\"extension\":\"X\"}}";

    /// <summary>
    /// An escaped lone surrogate is valid JSON but no text; the HTTP fuzz found that a batch item holding one made the
    /// reader throw (500) while it copied the item out of the batch. The item is read as sent, and its data refused (400).
    /// </summary>
    [Theory]
    [InlineData("\\uDE00")]
    [InlineData("\\uD83D")]
    public async Task Rule9_BatchItemWithALoneSurrogate_IsRead_AndItsDataRefused(string loneSurrogate)
    {
        var request = ResultRunner.Request($"[{Event.Replace("\"X\"", $"\"{loneSurrogate}\"", StringComparison.Ordinal)}]");
        request.ContentType = CloudEventReader.BatchType;

        var events = await CloudEventReader.ReadAsync(request, default);

        Assert.True(events.Ok);
        var errors = new ValidationErrors();
        Assert.Null(TelephonyEventParser.Parse(Assert.Single(events.Value), "[0].", errors));
        Assert.Contains("[0].data", errors.ToDictionary().Keys);
    }

    [Fact]
    public async Task ABatchOfOneGoodEvent_IsRead()
    {
        var request = ResultRunner.Request($"[{Event}]");
        request.ContentType = CloudEventReader.BatchType;

        var events = await CloudEventReader.ReadAsync(request, default);

        Assert.True(events.Ok);
        Assert.Equal("e1", Assert.Single(events.Value).Id);
    }

    private const string Other = "{\"specversion\":\"1.0\",\"id\":\"e2\",\"source\":\"urn:t\",\"type\":\"sip.account.deleted\"}";

    private const string NotACloudEvent = "Not a valid CloudEvent 1.0: ";

    private static HttpRequest Request(string body, string? contentType, params (string Name, string Value)[] headers)
    {
        var request = ResultRunner.Request(body);
        request.ContentType = contentType;
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }
        return request;
    }

    private static readonly (string, string)[] Binary = [("ce-specversion", "1.0"), ("ce-id", "b1"), ("ce-source", "urn:pbx"), ("ce-type", "pbx.device.deleted")];

    private static async Task<IReadOnlyList<CloudEvent>> Read(HttpRequest request)
    {
        var read = await CloudEventReader.ReadAsync(request, default);
        Assert.True(read.Ok);
        return read.Value;
    }

    /// <summary>The 400 problem's <c>errors</c>, as the sender sees them.</summary>
    private static async Task<Dictionary<string, string[]>> Errors(HttpRequest request)
    {
        var read = await CloudEventReader.ReadAsync(request, default);
        Assert.False(read.Ok);
        var (status, _, body) = await ResultRunner.RunAsync(read.Problem);
        Assert.Equal(400, status);
        return body.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    [Fact]
    public async Task AStructuredEvent_IsRead_WithItsJsonData()
    {
        var e = Assert.Single(await Read(Request(Event, CloudEventReader.StructuredType)));

        Assert.Equal(("e1", "urn:t", "pbx.device.created"), (e.Id, e.Source?.ToString(), e.Type));
        Assert.Equal("X", Assert.IsType<JsonElement>(e.Data).GetProperty("extension").GetString());
    }

    [Theory]
    [InlineData("Application/CloudEvents+JSON; charset=utf-8", 1)]
    [InlineData("APPLICATION/CLOUDEVENTS-BATCH+JSON", 2)]
    public async Task TheMediaType_IsMatchedWithoutRegardToCaseOrParameters(string contentType, int events)
    {
        var body = events == 1 ? Event : $"[{Event},{Other}]";

        Assert.Equal(events, (await Read(Request(body, contentType))).Count);
    }

    [Fact]
    public async Task ABatch_IsReadInOrder()
    {
        var events = await Read(Request($"[{Event},{Other}]", CloudEventReader.BatchType));

        Assert.Equal(["e1", "e2"], events.Select(e => e.Id));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[{}")]
    [InlineData("\"[]\"")]
    public async Task Rule9_ABatchThatIsNoJsonArray_IsRefusedAsAWhole(string body) =>
        Assert.Equal(new Dictionary<string, string[]> { ["body"] = ["A batch must be a JSON array of CloudEvents."] },
            await Errors(Request(body, CloudEventReader.BatchType)));

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task Rule9_AnEmptyBatch_IsRefused(string body) =>
        Assert.Equal(new Dictionary<string, string[]> { ["body"] = ["The batch is empty."] }, await Errors(Request(body, CloudEventReader.BatchType)));

    /// <summary>Every item of a batch is checked and the bad ones are named by index, so the sender can fix and resend the whole batch.</summary>
    [Fact]
    public async Task Rule9_TheBadItemsOfABatch_AreNamedByIndex_AndTheBatchRefused()
    {
        var noId = Other.Replace("\"id\":\"e2\",", "", StringComparison.Ordinal);

        var errors = await Errors(Request($"[{Event},{noId},42,{Other}]", CloudEventReader.BatchType));

        Assert.Equal(["[1]", "[2]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith(NotACloudEvent, Assert.Single(errors["[1]"]), StringComparison.Ordinal);
        Assert.Contains("id", errors["[1]"][0], StringComparison.Ordinal);
        Assert.StartsWith(NotACloudEvent, Assert.Single(errors["[2]"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"specversion\":\"1.0\",\"source\":\"urn:t\",\"type\":\"t\"}")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"t\"}")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"urn:t\"}")]
    [InlineData("{\"id\":\"e1\",\"source\":\"urn:t\",\"type\":\"t\"}")]
    [InlineData("{\"specversion\":\"2.0\",\"id\":\"e1\",\"source\":\"urn:t\",\"type\":\"t\"}")]
    [InlineData("[]")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"urn:t\",\"type\":\"t\",\"myext\":1.5}")]
    public async Task Rule9_AStructuredEventThatIsNoCloudEvent_IsRefused_NamingTheBody(string body)
    {
        var errors = await Errors(Request(body, CloudEventReader.StructuredType));

        Assert.StartsWith(NotACloudEvent, Assert.Single(Assert.Single(errors, e => e.Key == "body").Value), StringComparison.Ordinal);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("{\"specversion\":")]
    [InlineData("")]
    public async Task Rule9_AStructuredEventThatIsNoJson_IsRefused(string body) =>
        Assert.Equal(new Dictionary<string, string[]> { ["body"] = ["The event is not valid JSON."] }, await Errors(Request(body, CloudEventReader.StructuredType)));

    [Fact]
    public async Task ABinaryEvent_IsReadFromItsHeaders_WithItsBodyAsJsonData()
    {
        var request = Request("{\"customerNumber\":\"k-1\"}", "application/json", [.. Binary, ("ce-subject", "desk")]);

        var e = Assert.Single(await Read(request));

        Assert.Equal(("b1", "urn:pbx", "pbx.device.deleted", "desk"), (e.Id, e.Source?.ToString(), e.Type, e.Subject));
        Assert.Equal(CloudEventsSpecVersion.V1_0, e.SpecVersion);
        Assert.Equal("application/json", e.DataContentType);
        Assert.Equal("k-1", Assert.IsType<JsonElement>(e.Data).GetProperty("customerNumber").GetString());
    }

    [Fact]
    public async Task BinaryHeaders_AreMatchedWithoutRegardToCase()
    {
        var request = Request("{}", "application/json", ("CE-SpecVersion", "1.0"), ("Ce-Id", "b1"), ("CE-SOURCE", "urn:pbx"), ("ce-Type", "pbx.device.deleted"));

        var e = Assert.Single(await Read(request));

        Assert.Equal(("b1", "urn:pbx", "pbx.device.deleted"), (e.Id, e.Source?.ToString(), e.Type));
    }

    [Fact]
    public async Task ABinaryEventWithoutABody_HasNoData()
    {
        var e = Assert.Single(await Read(Request("", null, Binary)));

        Assert.Null(e.Data);
        Assert.Null(e.DataContentType);
    }

    [Fact]
    public async Task Rule9_ABinaryEventWithoutAnId_LacksARequiredAttribute()
    {
        var request = Request("{}", "application/json", [.. Binary.Where(h => h.Item1 != "ce-id")]);

        Assert.Equal(new Dictionary<string, string[]> { ["body"] = ["The event lacks a required attribute (id, source, type or specversion)."] },
            await Errors(request));
    }

    [Fact]
    public async Task Rule9_ABinaryEventOfAnotherSpecVersion_IsRefused()
    {
        var request = Request("{}", "application/json", [("ce-specversion", "2.0"), .. Binary.Skip(1)]);

        Assert.Equal(new Dictionary<string, string[]> { ["body"] = [NotACloudEvent + "Unsupported specversion."] }, await Errors(request));
    }

    [Fact]
    public async Task Rule9_ABinaryEventWhoseBodyIsNoJson_IsRefused() =>
        Assert.Equal(new Dictionary<string, string[]> { ["body"] = ["The event is not valid JSON."] },
            await Errors(Request("{\"customerNumber\":", "application/json", Binary)));

    /// <summary>
    /// Issue 26: a body in none of the three modes is a content type the route does not take (415, as the JSON routes answer),
    /// whatever Content-Type says: absent, another type, no media type at all, or present and empty or blank, which
    /// <c>System.Net.Mime.ContentType</c> threw on (500).
    /// </summary>
    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData(null)]
    [InlineData("not a media type")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData(";")]
    [InlineData("application/cloudevents+json, application/cloudevents+json")]
    public async Task Rule9_ABodyInNoneOfTheThreeModes_Gets415_NamingThem(string? contentType) =>
        await AssertUnsupportedAsync(Request(Event, contentType));

    /// <summary>In binary mode Content-Type is the data's: absent or any media type is read, but one that is there and no media type is a 415 too.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("not a media type")]
    public async Task Rule9_ABinaryEventWithAnEmptyOrBrokenContentType_Gets415(string contentType) =>
        await AssertUnsupportedAsync(Request("{}", contentType, Binary));

    [Fact]
    public async Task Rule9_TwoContentTypeHeaders_Get415_EvenIfBothAreCloudEvents()
    {
        var request = Request(Event, null);
        request.Headers.ContentType = new Microsoft.Extensions.Primitives.StringValues([CloudEventReader.StructuredType, CloudEventReader.StructuredType]);

        await AssertUnsupportedAsync(request);
    }

    private static async Task AssertUnsupportedAsync(HttpRequest request)
    {
        var read = await CloudEventReader.ReadAsync(request, default);

        Assert.False(read.Ok);
        var (status, _, body) = await ResultRunner.RunAsync(read.Problem);
        Assert.Equal(415, status);
        Assert.Equal(Problems.TypeBase + "unsupported-media-type", body.GetProperty("type").GetString());
        Assert.Equal("Send a CloudEvent: application/cloudevents+json, application/cloudevents-batch+json, or binary mode with ce-* headers and a valid Content-Type (or none).",
            body.GetProperty("detail").GetString());
    }

    /// <summary>A batch padded to exactly 64 KiB is read and one byte more gets 413, whether the sender gives its length or streams it.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rule9_ABodyOfExactly64KiB_IsRead_AndOneByteMoreGets413(bool withLength)
    {
        var longest = $"[{Event}{new string(' ', JsonBody.MaxBytes - Event.Length - 2)}]";
        Assert.Equal(JsonBody.MaxBytes, longest.Length);

        Assert.Single(await Read(Sized(longest, withLength)));

        var read = await CloudEventReader.ReadAsync(Sized(longest + " ", withLength), default);
        Assert.False(read.Ok);
        Assert.Equal(413, (await ResultRunner.RunAsync(read.Problem)).Status);
    }

    private static HttpRequest Sized(string body, bool withLength)
    {
        var request = Request(body, CloudEventReader.BatchType);
        if (!withLength)
        {
            request.ContentLength = null;
        }
        return request;
    }
}
