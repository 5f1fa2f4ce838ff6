using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace PortalAccess.Http;

/// <summary>What a list request asks for: <c>pageSize</c> 1..200 (default 50) and where to go on.</summary>
public sealed record PageRequest(int PageSize, string? AfterKey)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    /// <summary>The paging of a list request, or the 400 that names the bad parameter.</summary>
    public static Checked<PageRequest> From(HttpRequest request)
    {
        var size = DefaultSize;
        var sizeText = request.Query["pageSize"].ToString();
        if (sizeText.Length > 0 &&
            (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxSize))
        {
            return new Refused(Problems.Validation("pageSize", $"pageSize must be a whole number from 1 to {MaxSize}."));
        }
        var continuation = request.Query["continuation"].ToString();
        if (continuation.Length == 0)
        {
            return new PageRequest(size, null);
        }
        try
        {
            var key = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(continuation));
            // no table key holds control characters or passes 1 KiB: storage would refuse the query (a 500 here)
            return key.Length <= MaxKeyLength && !key.Any(char.IsControl) ? new PageRequest(size, key) : InvalidContinuation();
        }
        catch (FormatException)
        {
            return InvalidContinuation();
        }
    }

    private const int MaxKeyLength = 1024;

    private static Refused InvalidContinuation() =>
        new(Problems.Validation("continuation", "The continuation token is not valid."));

    public static string? Encode(string? lastKey) =>
        lastKey is null ? null : WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(lastKey));
}
