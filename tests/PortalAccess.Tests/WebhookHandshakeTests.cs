using Microsoft.Extensions.Logging.Abstractions;
using PortalAccess.Events;

namespace PortalAccess.Tests;

/// <summary>The CloudEvents webhook handshake echoes WebHook-Request-Origin into a response header: only a value that can stand there.</summary>
public class WebhookHandshakeTests
{
    // the handshake reads no events: it needs no applier
    private static readonly TelephonyEventEndpoints Endpoints = new(null!, NullLogger<TelephonyEventEndpoints>.Instance);

    [Fact]
    public async Task AHostName_IsEchoed()
    {
        var request = ResultRunner.Request();
        request.Headers["WebHook-Request-Origin"] = "pbx.example";

        var (status, _, _) = await ResultRunner.RunAsync(Endpoints.Handshake(request));

        Assert.Equal(200, status);
        Assert.Equal("pbx.example", request.HttpContext.Response.Headers["WebHook-Allowed-Origin"].ToString());
    }

    /// <summary>Issue 26: Kestrel throws on a response header value that is not ASCII (a 500); blanks and controls are no host name either.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("pbx.exämple")]
    [InlineData("pbx\u00A0example")]
    [InlineData("pbx.example\r\nX-Injected: 1")]
    [InlineData("pbx\u0000example")]
    public async Task Rule9_AnOriginThatCannotBeEchoed_Gets400_AndIsNotEchoed(string origin)
    {
        var request = ResultRunner.Request();
        request.Headers["WebHook-Request-Origin"] = origin;

        var (status, _, body) = await ResultRunner.RunAsync(Endpoints.Handshake(request));

        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("WebHook-Request-Origin", out _));
        Assert.False(request.HttpContext.Response.Headers.ContainsKey("WebHook-Allowed-Origin"));
    }
}
