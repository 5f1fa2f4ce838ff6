using Microsoft.AspNetCore.Rewrite;
using Microsoft.Net.Http.Headers;

namespace PortalAccess.Standalone;

/// <summary>
/// The reference portal (wwwroot: plain HTML, CSS and ES modules, no build step) served next to the API, so the
/// browser calls <c>/api</c> on its own origin and needs no CORS.
/// </summary>
public static class PortalPages
{
    // the mail links open {PortalBaseUrl}/activate#token=… and /reset-password#token=…: both are the one page
    private const string MailLinkPages = "^(activate|reset-password)/?$";

    // the pages load only their own scripts and styles and talk only to their own origin; data never runs as markup
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IApplicationBuilder UsePortalPages(this IApplicationBuilder app) => app
        .UseRewriter(new RewriteOptions().AddRewrite(MailLinkPages, "index.html", skipRemainingRules: true))
        .UseDefaultFiles()
        .UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // a deploy must reach every browser at once: the pages are small, revalidating costs little
                headers[HeaderNames.CacheControl] = "no-cache";
            },
        });
}
