using System.Globalization;
using Microsoft.Extensions.Options;
using PortalAccess.Storage;

namespace PortalAccess.Standalone;

/// <summary>
/// The <c>x-storage-requests</c> answer header and <c>Server-Timing: storage;dur=…</c> (the time spent waiting for storage;
/// scripts/bench.sh reads both), when <see cref="DiagnosticsOptions"/> asks for it.
/// </summary>
public static class StorageRequestCountHeader
{
    public const string Name = "x-storage-requests";

    public static IApplicationBuilder UseStorageRequestCountHeader(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.StorageRequestCountHeader)
        {
            return app;
        }
        return app.Use(async (context, next) =>
        {
            var tally = StorageRequestCounter.Begin();
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Name] = tally.Count.ToString(CultureInfo.InvariantCulture);
                // the standard header that browsers' developer tools show; the bench subtracts it from the latency
                context.Response.Headers.Append("Server-Timing",
                    string.Create(CultureInfo.InvariantCulture, $"storage;dur={tally.Waited.TotalMilliseconds:0.###}"));
                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}
