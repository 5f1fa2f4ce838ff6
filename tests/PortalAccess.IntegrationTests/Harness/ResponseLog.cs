using System.Collections.Concurrent;
using System.Net;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>One answer the host gave: what was asked, the status and the body as text.</summary>
public sealed record LoggedResponse(string Method, string Path, HttpStatusCode Status, string Body);

/// <summary>Every answer of a test's client, in order, so a test can check what the host said beyond the calls it asserts on.</summary>
public sealed class ResponseLog : DelegatingHandler
{
    private readonly ConcurrentQueue<LoggedResponse> responses = new();

    public IReadOnlyCollection<LoggedResponse> Responses => responses;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        responses.Enqueue(new LoggedResponse(request.Method.Method, request.RequestUri!.AbsolutePath, response.StatusCode, body));
        return response;
    }
}
