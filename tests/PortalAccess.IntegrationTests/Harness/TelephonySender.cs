using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>Sends telephony CloudEvents the way a real client does: with the CloudEvents SDK, in any content mode.</summary>
public sealed class TelephonySender(HttpClient http)
{
    private static readonly JsonEventFormatter Formatter = new();

    public static CloudEvent Event(string type, object data, string? id = null) => new()
    {
        Id = id ?? Guid.NewGuid().ToString("N"),
        Source = new Uri("urn:telephony:test"),
        Type = type,
        Time = DateTimeOffset.UtcNow,
        DataContentType = "application/json",
        Data = data,
    };

    public Task<HttpResponseMessage> SendAsync(CloudEvent e, ContentMode mode = ContentMode.Structured) =>
        PostAsync(e.ToHttpContent(mode, Formatter));

    public Task<HttpResponseMessage> SendBatchAsync(params CloudEvent[] events) => PostAsync(events.ToHttpContent(Formatter));

    public async Task<HttpResponseMessage> PostAsync(HttpContent content, string? key = PortalApp.SystemKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events/telephony") { Content = content };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }
        return await http.SendAsync(request);
    }
}
