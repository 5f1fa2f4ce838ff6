using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PortalAccess.Tests;

/// <summary>Executes an <see cref="IResult"/> against an in-memory HttpContext and returns what a client would see.</summary>
internal static class ResultRunner
{
    public static async Task<(int Status, IHeaderDictionary Headers, JsonElement Body)> RunAsync(IResult result)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var body = context.Response.Body.Length == 0
            ? default
            : (await JsonDocument.ParseAsync(context.Response.Body)).RootElement.Clone();
        return (context.Response.StatusCode, context.Response.Headers, body);
    }

    public static HttpRequest Request(string? body = null, string? query = null)
    {
        var context = new DefaultHttpContext();
        if (body is not null)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }
        return context.Request;
    }
}
