using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PortalAccess.FunctionsTestHost.Http;

/// <summary>
/// An HTTP trigger's route template (relative to the route prefix): literals match case-insensitively,
/// <c>{name}</c>, <c>{name:constraint}</c>, <c>{name?}</c> and <c>{*name}</c> capture route values.
/// </summary>
internal sealed partial class RouteTemplate
{
    private readonly Regex pattern;
    private readonly List<(string Name, string[] Constraints)> parameters = [];

    public RouteTemplate(string template)
    {
        var regex = new StringBuilder("^");
        var segments = template.Trim('/').Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var optional = Parameter().Match(segment) is { Success: true } whole && whole.Length == segment.Length && whole.Groups["optional"].Success;
            var separator = i == 0 ? "" : "/";
            regex.Append(optional ? $"(?:{separator}" : separator);
            var at = 0;
            foreach (Match parameter in Parameter().Matches(segment))
            {
                regex.Append(Regex.Escape(segment[at..parameter.Index]));
                var name = parameter.Groups["name"].Value;
                var catchAll = parameter.Groups["catchAll"].Success;
                parameters.Add((name, [.. parameter.Groups["constraint"].Captures.Select(c => c.Value)]));
                regex.Append(CultureInfo.InvariantCulture, $"(?<{Group(parameters.Count - 1)}>{(catchAll ? ".*" : "[^/]+")})");
                at = parameter.Index + parameter.Length;
            }
            regex.Append(Regex.Escape(segment[at..]));
            regex.Append(optional ? ")?" : "");
        }
        pattern = new Regex(regex.Append("/?$").ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        LiteralLength = Parameter().Replace(template, "").Length;
    }

    /// <summary>The more literal text, the more specific: "users/me" wins over "users/{id}" (as ASP.NET Core routing decides).</summary>
    public int LiteralLength { get; }

    public bool TryMatch(string path, out Dictionary<string, string> values)
    {
        values = new(StringComparer.OrdinalIgnoreCase);
        var match = pattern.Match(path);
        if (!match.Success)
        {
            return false;
        }
        for (var i = 0; i < parameters.Count; i++)
        {
            var group = match.Groups[Group(i)];
            if (!group.Success)
            {
                continue;
            }
            if (!parameters[i].Constraints.All(c => Satisfies(c, group.Value)))
            {
                return false;
            }
            values[parameters[i].Name] = group.Value;
        }
        return true;
    }

    private static string Group(int index) => "p" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The common inline constraints; others (regex(), length()…) are not checked.</summary>
    private static bool Satisfies(string constraint, string value) => constraint.ToLowerInvariant() switch
    {
        "int" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        "long" => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        "guid" => Guid.TryParse(value, out _),
        "bool" => bool.TryParse(value, out _),
        "double" or "decimal" or "float" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        "alpha" => value.All(char.IsAsciiLetter),
        "datetime" => DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => true,
    };

    [GeneratedRegex(@"\{(?<catchAll>\*{1,2})?(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?<constraint>[^:}?=]+(?:\([^)]*\))?))*(?:=[^}]*)?(?<optional>\?)?\}")]
    private static partial Regex Parameter();
}
