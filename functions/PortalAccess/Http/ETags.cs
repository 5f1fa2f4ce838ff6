using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using PortalAccess.Principals;

namespace PortalAccess.Http;

/// <summary>Storage ETags, handed to clients as strong opaque entity tags and checked against <c>If-Match</c>.</summary>
public static class ETags
{
    public static string ToHeader(string storageETag) => $"\"{WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(storageETag))}\"";

    /// <summary>True when the request has no <c>If-Match</c>, has <c>*</c>, or names the current version.</summary>
    public static bool IfMatchAllows(HttpRequest request, string? storageETag)
    {
        var ifMatch = request.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return true;
        }
        var current = storageETag is null ? null : ToHeader(storageETag);
        return ifMatch.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Any(tag => tag == "*" || tag == current);
    }

    public static void Set(HttpContext context, string? storageETag)
    {
        if (storageETag is not null)
        {
            context.Response.Headers.ETag = ToHeader(storageETag);
        }
    }

    /// <summary>
    /// The answer to a write of one row: its refusal as problem+json, or the saved row's ETag with <paramref
    /// name="answer"/>.
    /// </summary>
    public static IResult Answer(HttpRequest request, Outcome<Account> outcome, Func<Account, IResult> answer)
    {
        if (!outcome.Done)
        {
            return Problems.For(outcome.Refusal);
        }
        Set(request.HttpContext, outcome.Value.ETag);
        return answer(outcome.Value);
    }
}
