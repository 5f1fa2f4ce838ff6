using PortalAccess.Events;
using PortalAccess.Http;

namespace PortalAccess.Tests;

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
}
