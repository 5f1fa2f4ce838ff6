using System.Globalization;
using Microsoft.Extensions.Options;
using PortalAccess.Storage;

namespace PortalAccess.Standalone;

/// <summary>The <c>x-storage-requests</c> answer header (scripts/bench.sh reads it), when <see cref="DiagnosticsOptions"/> asks for it.</summary>
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
                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}
