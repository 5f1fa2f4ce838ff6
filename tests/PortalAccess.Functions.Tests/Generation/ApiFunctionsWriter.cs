using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PortalAccess.Http;

namespace PortalAccess.Functions.Tests.Generation;

/// <summary>
/// Writes <c>functions/PortalAccess.Functions/Functions/ApiFunctions.g.cs</c> from the route table: one <c>[Function]</c>
/// per row, calling the row's own <see cref="ApiRoute.Handler"/> through a field of its exact delegate type (read once,
/// no reflection per call), and the route-miss functions with the patterns of <see cref="RouteMisses"/>. Type names
/// come from reflection, so a type moved to another namespace only needs a regeneration.
/// </summary>
internal static partial class ApiFunctionsWriter
{
    public const string RelativePath = "functions/PortalAccess.Functions/Functions/ApiFunctions.g.cs";
    public const string Command = "UPDATE_FUNCTIONS=1 dotnet test tests/PortalAccess.Functions.Tests --filter ApiFunctionsFile";
    public const int MaxLineLength = 140;

    // the SDK's implicit usings of the Functions project (ImplicitUsings=enable in Directory.Build.props)
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly Type[] BoundByTheWorker = [typeof(HttpRequest), typeof(string), typeof(CancellationToken)];

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(string)] = "string", [typeof(object)] = "object", [typeof(bool)] = "bool", [typeof(int)] = "int",
        [typeof(long)] = "long", [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(void)] = "void",
    };

    public static string Write(IReadOnlyList<ApiRoute> routes)
    {
        var adapters = routes.Select(Adapter.Of).ToList();
        var names = new TypeNames(adapters.SelectMany(a => a.Types).Append(typeof(IResult)));
        var body = new StringBuilder();

        body.Append("/// <summary>\n")
            .Append("/// One function per row of <see cref=\"PortalApi.Routes\"/>, each calling the row's own handler, and the route-miss\n")
            .Append("/// functions of <see cref=\"RouteMisses\"/>: 404 and 405 as problem+json where the platform would answer with an empty\n")
            .Append("/// body (each pattern matches only paths no other function of its methods takes, so the host's order does not matter).\n")
            .Append("/// </summary>\n")
            .Append("public sealed class ApiFunctions\n{\n");
        var misses = RouteMisses.MethodGroups()
            .Select(g => new Miss($"NotAllowedOn{string.Concat(g.TakenMethods.Select(Pascal))}Paths", g.MissingMethods, g.Route))
            .Prepend(new Miss("NoSuchRoute", [], RouteMisses.UnknownPathRoute()))
            .ToList();
        foreach (var miss in misses)
        {
            body.Append(Constant(miss.Constant, miss.Route)).Append('\n');
        }
        foreach (var adapter in adapters)
        {
            var field = $"    private static readonly {names.Of(adapter.DelegateType)} {adapter.Field};\n";
            body.Append(field.Length - 1 <= MaxLineLength ? field
                : $"    private static readonly {names.Of(adapter.DelegateType)}\n        {adapter.Field};\n");
        }
        body.Append("\n    // each row's handler, read once with its exact delegate type: no reflection per call\n")
            .Append("    static ApiFunctions()\n    {\n");
        foreach (var adapter in adapters)
        {
            body.Append(CultureInfo.InvariantCulture, $"        Bind(\"{adapter.Route.Name}\", out {adapter.Field});\n");
        }
        body.Append("    }\n\n");
        foreach (var adapter in adapters)
        {
            body.Append(adapter.Function(names)).Append('\n');
        }
        foreach (var miss in misses)
        {
            var methods = string.Concat(miss.Methods.Select(m => $"\"{m.ToLowerInvariant()}\", "));
            body.Append(CultureInfo.InvariantCulture, $"    [Function(\"{miss.Name}\")]\n")
                .Append(CultureInfo.InvariantCulture, $"    public IResult {miss.Name}(\n")
                .Append(Wrap($"        [HttpTrigger(AuthorizationLevel.Anonymous, {methods}Route = {miss.Constant})] HttpRequest req) =>\n"))
                .Append("        RouteMisses.Answer(req);\n\n");
        }
        body.Append("    private static void Bind<T>(string name, out T handler)\n        where T : Delegate =>\n")
            .Append("        handler = (T)PortalApi.Routes.Single(r => r.Name == name).Handler;\n}\n");

        var usings = names.Namespaces
            .Concat(["Microsoft.Azure.Functions.Worker", "Microsoft.Extensions.DependencyInjection", typeof(RouteMisses).Namespace!])
            .Where(n => n != "PortalAccess.Functions" && !ImplicitUsings.Contains(n))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n.StartsWith("System", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(n => n, StringComparer.Ordinal);
        var file = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"// Generated by {nameof(ApiFunctionsWriter)} (tests/PortalAccess.Functions.Tests) from PortalApi.Routes; do not edit:\n")
            .Append(CultureInfo.InvariantCulture, $"// run {Command}\n\n");
        foreach (var name in usings)
        {
            file.Append(CultureInfo.InvariantCulture, $"using {name};\n");
        }
        return file.Append("\nnamespace PortalAccess.Functions;\n\n").Append(body).ToString();
    }

    // a trigger parameter over the limit: the attribute on a line of its own
    private static string Wrap(string line) =>
        line.TrimEnd('\n').Length <= MaxLineLength ? line : line.Replace(")] HttpRequest req", ")]\n        HttpRequest req", StringComparison.Ordinal);

    private static string Pascal(string method) => method[..1] + method[1..].ToLowerInvariant();

    // A verbatim constant, cut before "|" or "(" where a line would pass the limit (constants concatenate in attributes).
    private static string Constant(string name, string value)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"    private const string {name} =\n");
        const string indent = "        ";
        var line = indent + "@\"";
        foreach (var piece in Regex.Split(value, @"(?=[|(])"))
        {
            if (line.Length + piece.Length + 4 > MaxLineLength && line.Length > indent.Length + 2)
            {
                text.Append(line).Append("\"\n");
                line = indent + "+ @\"";
            }
            line += piece.Replace("\"", "\"\"", StringComparison.Ordinal);
        }
        return text.Append(line).Append("\";\n").ToString();
    }

    private sealed record Miss(string Name, IReadOnlyList<string> Methods, string Route)
    {
        public string Constant => Name == "NoSuchRoute" ? "UnknownPaths" : Name["NotAllowedOn".Length..];
    }

    private sealed partial record Adapter(ApiRoute Route, Type DelegateType, ParameterInfo[] Parameters, Type ReturnType)
    {
        public string Field => Route.Name + "Handler";

        private bool IsTask => ReturnType.IsGenericType && ReturnType.GetGenericTypeDefinition() == typeof(Task<>);

        private bool Awaits => IsTask && ReturnType != typeof(Task<IResult>);

        private string Returns => (Awaits ? "async " : "") + (IsTask ? "Task<IResult>" : "IResult");

        public IEnumerable<Type> Types => Parameters.Select(p => p.ParameterType).Append(DelegateType);

        public static Adapter Of(ApiRoute route)
        {
            var type = route.Handler.GetType();
            if (type.Name.Contains('<', StringComparison.Ordinal) || type.Assembly.IsDynamic)
            {
                throw new InvalidOperationException($"{route.Name}: the handler's delegate type {type} cannot be named; give the lambda's parameters types.");
            }
            var method = type.GetMethod("Invoke")!;
            var answer = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                ? method.ReturnType.GetGenericArguments()[0] : method.ReturnType;
            if (!typeof(IResult).IsAssignableFrom(answer))
            {
                // the ASP.NET Core integration writes no body for anything else (WORKER-API.md)
                throw new InvalidOperationException($"{route.Name}: a handler must return an IResult (or a task of one), not {method.ReturnType}.");
            }
            // the lambda's own parameters carry the names (the delegate type's Invoke has arg1, arg2, …)
            var parameters = route.Handler.Method.GetParameters();
            var routeValues = RouteValue().Matches(route.Template).Select(m => m.Groups["name"].Value).ToList();
            var named = parameters.Where(p => p.ParameterType == typeof(string)).Select(p => p.Name!).ToList();
            if (!routeValues.SequenceEqual(named, StringComparer.Ordinal))
            {
                throw new InvalidOperationException(
                    $"{route.Name}: the handler's string parameters ({string.Join(", ", named)}) must be the route values of {route.Template}, by name and in order.");
            }
            if (parameters.Count(p => p.ParameterType == typeof(HttpRequest)) != 1)
            {
                throw new InvalidOperationException($"{route.Name}: the handler must take the HttpRequest once.");
            }
            return new Adapter(route, type, parameters, method.ReturnType);
        }

        public string Function(TypeNames names)
        {
            var level = Route.Access == RouteAccess.SystemKey ? "Function" : "Anonymous";
            var trigger = $"[HttpTrigger(AuthorizationLevel.{level}, \"{Route.Method.ToLowerInvariant()}\", Route = \"{Route.Template}\")] HttpRequest req";
            var services = Parameters.Any(p => !BoundByTheWorker.Contains(p.ParameterType));
            var bound = Parameters.Where(p => p.ParameterType == typeof(string)).Select(p => $"string {p.Name}")
                .Concat(services ? ["FunctionContext context"] : [])
                .Concat(Parameters.Any(p => p.ParameterType == typeof(CancellationToken)) ? ["CancellationToken ct"] : []).ToList();
            var arguments = Parameters.Select(p =>
                p.ParameterType == typeof(HttpRequest) ? "req"
                : p.ParameterType == typeof(string) ? p.Name!
                : p.ParameterType == typeof(CancellationToken) ? "ct"
                : $"context.InstanceServices.GetRequiredService<{names.Of(p.ParameterType)}>()");
            var text = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"    [Function(\"{Route.Name}\")]\n")
                .Append(CultureInfo.InvariantCulture, $"    public {Returns} {Route.Name}(\n")
                .Append(Wrap($"        {trigger}{(bound.Count > 0 ? "," : ") =>")}\n"))
                .Append(string.Concat(bound.Select((b, i) => $"        {b}{(i < bound.Count - 1 ? "," : ") =>")}\n")));
            // a typed result (Ok<T>, Results<…>) is an IResult: a task of one is awaited to become Task<IResult>
            var await = Awaits ? "await " : "";
            var call = $"        {await}{Field}({string.Join(", ", arguments)});\n";
            return text.Append(call.Length - 1 <= MaxLineLength ? call
                : $"        {await}{Field}(\n            {string.Join(",\n            ", arguments)});\n").ToString();
        }

        [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
        private static partial Regex RouteValue();
    }

    /// <summary>C# names of types: imported by namespace where the simple name is unambiguous, else <c>global::</c>.</summary>
    internal sealed class TypeNames
    {
        private readonly HashSet<string> ambiguous;

        public TypeNames(IEnumerable<Type> types)
        {
            var all = types.SelectMany(Flatten).Where(t => !Keywords.ContainsKey(t)).Distinct().ToList();
            ambiguous = [.. all.GroupBy(SimpleName, StringComparer.Ordinal).Where(g => g.Select(t => t.Namespace).Distinct(StringComparer.Ordinal).Count() > 1).Select(g => g.Key)];
            Namespaces = [.. all.Where(t => !ambiguous.Contains(SimpleName(t))).Select(t => t.Namespace!).Distinct(StringComparer.Ordinal)];
        }

        public IReadOnlyList<string> Namespaces { get; }

        public string Of(Type type)
        {
            if (Keywords.TryGetValue(type, out var keyword))
            {
                return keyword;
            }
            if (type.IsArray)
            {
                return Of(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
            }
            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                return Of(underlying) + "?";
            }
            var name = SimpleName(type);
            if (ambiguous.Contains(name))
            {
                name = "global::" + type.Namespace + "." + name;
            }
            return type.IsGenericType ? $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Of))}>" : name;
        }

        private static string SimpleName(Type type)
        {
            var name = type.Name.Split('`')[0];
            return type.DeclaringType is { } outer ? SimpleName(outer) + "." + name : name;
        }

        private static IEnumerable<Type> Flatten(Type type) =>
            type.IsArray ? Flatten(type.GetElementType()!)
            : type.IsGenericType ? type.GetGenericArguments().SelectMany(Flatten).Prepend(type.GetGenericTypeDefinition())
            : [type];
    }
}
