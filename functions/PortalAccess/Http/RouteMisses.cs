using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace PortalAccess.Http;

/// <summary>
/// The answer to a request that no row of the route table takes: 405 with <c>Allow</c> when rows of other methods have
/// its path, else 404; both problem+json. The Standalone host gets the same from ASP.NET Core routing
/// (<c>UseRoutingProblems</c>). On Azure Functions the platform would answer such requests itself with an empty body, so
/// the Functions app routes them to functions of its own, whose route patterns come from here: each pattern matches
/// paths that no other function of the same method matches, so which function the host tries first does not matter
/// (the host matches routes in registration order, not by precedence: Azure/azure-webjobs-sdk-extensions#842).
/// </summary>
public static class RouteMisses
{
    /// <summary>Every method a route row can have, and so every method a miss function must cover.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    private static readonly (ApiRoute Route, Regex Path)[] Rows =
        [.. PortalApi.Routes.Select(r =>
            (r, new Regex("^" + PathPattern([r.Template]), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)))];

    /// <summary>404 or 405 (with <c>Allow</c>) for <paramref name="request"/>, whose path is under the <c>api</c> prefix.</summary>
    public static IResult Answer(HttpRequest request)
    {
        var allowed = AllowedMethods(RelativePath(request.Path));
        if (allowed.Count == 0)
        {
            return Problems.NoSuchRoute();
        }
        request.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
        return Problems.MethodNotAllowed();
    }

    /// <summary>
    /// The methods of the rows whose template matches <paramref name="relativePath"/> (without the prefix); none for an
    /// unknown path.
    /// </summary>
    public static IReadOnlyList<string> AllowedMethods(string relativePath)
    {
        var taken = Rows.Where(r => r.Path.IsMatch(relativePath)).Select(r => r.Route.Method).ToHashSet(StringComparer.Ordinal);
        return [.. Methods.Where(taken.Contains)];
    }

    /// <summary>
    /// The route templates grouped by the set of methods the table gives their path, with the methods no row takes
    /// there: one miss function per group answers those methods on those paths.
    /// </summary>
    public static IReadOnlyList<MissGroup> MethodGroups() =>
        [.. PortalApi.Routes.GroupBy(r => r.Template, StringComparer.OrdinalIgnoreCase)
            .GroupBy(path => string.Join(",", Methods.Intersect(path.Select(r => r.Method))))
            .Select(g => new MissGroup(
                g.Key.Split(','),
                [.. Methods.Except(g.Key.Split(','))],
                CatchAll(PathPattern([.. g.Select(path => path.Key).Order(StringComparer.Ordinal)]), negate: false)))
            .OrderBy(g => g.Route, StringComparer.Ordinal)];

    /// <summary>The route of the function that takes every method on every path no row has.</summary>
    public static string UnknownPathRoute() =>
        CatchAll(PathPattern([.. PortalApi.Routes
            .Select(r => r.Template)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)]), negate: true);

    /// <summary>
    /// A regular expression for the paths of <paramref name="templates"/>: literals as they are, a <c>{parameter}</c> as one
    /// segment, an optional trailing slash (which the hosts' route matching ignores too).
    /// </summary>
    private static string PathPattern(IReadOnlyList<string> templates) =>
        "(?:" + string.Join("|", templates.Select(t => string.Join("[^/]+", Regex.Split(t, @"\{[^}]+\}").Select(Regex.Escape)))) + ")/?$";

    // A catch-all route value with a regex constraint. The pattern has no braces (the template syntax would need them
    // doubled) and no ")" before ":" or "=" (which would end the constraint); RouteMissesTests parse it as the host does.
    private static string CatchAll(string pathPattern, bool negate) =>
        negate ? $"{{*path:regex(^(?!{pathPattern}).*$)}}" : $"{{*path:regex(^{pathPattern})}}";

    private static string RelativePath(PathString path)
    {
        var value = path.Value ?? "";
        var prefix = "/" + ApiRoutes.Prefix;
        return value.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase) ? value[(prefix.Length + 1)..] : value.TrimStart('/');
    }
}

/// <summary>
/// Paths whose rows take the same methods (<see cref="Route"/>, a catch-all pattern): those they take, and those they
/// lack.
/// </summary>
public sealed record MissGroup(IReadOnlyList<string> TakenMethods, IReadOnlyList<string> MissingMethods, string Route);
