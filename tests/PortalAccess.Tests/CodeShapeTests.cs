using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PortalAccess.Tests;

/// <summary>
/// The shape STYLE.md asks of the product code under <c>functions/</c>, kept by the test command rather than by review:
/// lines of at most 140 characters, methods of at most 40 lines, and each top-level type in the file named after it.
/// </summary>
public class CodeShapeTests
{
    private const int MaxLineLength = 140;
    private const int MaxMethodLines = 40;

    /// <summary>Files that hold several types on purpose, with the reason.</summary>
    private static readonly Dictionary<string, string> SeveralTypes = new(StringComparer.Ordinal)
    {
        // the options tree of the one configuration section PortalAccess reads, in the order of DESIGN.md's table
        ["PortalAccess/PortalAccessOptions.cs"] = "configuration",
        // the route-miss answer and the group record its patterns are built from
        ["PortalAccess/Http/RouteMisses.cs"] = "route misses",
    };

    [Fact]
    public void NoProductLine_IsLongerThan140Characters()
    {
        AssertNone($"lines over {MaxLineLength} characters", ProductFiles()
            .SelectMany(f => File.ReadLines(f.Path).Select((line, i) => (f.Name, Line: i + 1, line.Length)))
            .Where(l => l.Length > MaxLineLength)
            .Select(l => $"{l.Name}:{l.Line} ({l.Length})"));
    }

    [Fact]
    public void NoProductMethod_IsLongerThan40Lines()
    {
        AssertNone($"methods over {MaxMethodLines} lines", ProductFiles()
            .SelectMany(f => Parse(f.Path).DescendantNodes().OfType<BaseMethodDeclarationSyntax>()
                .Select(m => (f.Name, Method: m, Lines: LinesOf(m))))
            .Where(m => m.Lines > MaxMethodLines)
            .Select(m => $"{m.Name}:{m.Method.GetLocation().GetLineSpan().StartLinePosition.Line + 1} ({m.Lines} lines)"));
    }

    [Fact]
    public void EachTopLevelType_IsInTheFileNamedAfterIt()
    {
        AssertNone("types outside the file named after them", ProductFiles()
            .Where(f => !SeveralTypes.ContainsKey(f.Name))
            .SelectMany(f => TopLevelTypes(Parse(f.Path)).Select(type => (f.Name, Type: type)))
            .Where(t => t.Type != FileTypeName(t.Name))
            .Select(t => $"{t.Type} in {t.Name}"));
    }

    private static void AssertNone(string what, IEnumerable<string> found)
    {
        var list = found.ToList();
        Assert.True(list.Count == 0, $"{list.Count} {what}:\n" + string.Join("\n", list));
    }

    private static IEnumerable<(string Path, string Name)> ProductFiles()
    {
        var root = Path.Combine(RepoPaths.Root, "functions");
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => (path, Path.GetRelativePath(root, path).Replace('\\', '/')))
            .Where(f => !f.Item2.Split('/').Any(part => part is "obj" or "bin"))
            .OrderBy(f => f.Item2, StringComparer.Ordinal);
    }

    private static SyntaxNode Parse(string path) => CSharpSyntaxTree.ParseText(File.ReadAllText(path)).GetRoot();

    /// <summary>From the signature (not its attributes or comments) to the closing brace or semicolon.</summary>
    private static int LinesOf(BaseMethodDeclarationSyntax method)
    {
        var start = method.Modifiers.Count > 0 ? method.Modifiers[0].SpanStart : method.ParameterList.SpanStart;
        var text = method.SyntaxTree.GetText();
        return text.Lines.GetLineFromPosition(method.Span.End).LineNumber - text.Lines.GetLineFromPosition(start).LineNumber + 1;
    }

    private static IEnumerable<string> TopLevelTypes(SyntaxNode root) =>
        root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<MemberDeclarationSyntax>()
            .Select(m => m switch
            {
                BaseTypeDeclarationSyntax t => t.Identifier.Text,
                DelegateDeclarationSyntax d => d.Identifier.Text,
                _ => null,
            })
            .OfType<string>();

    /// <summary>The type a file is named after: <c>ApiFunctions.g.cs</c> holds <c>ApiFunctions</c>.</summary>
    private static string FileTypeName(string name) => Path.GetFileName(name).Split('.')[0];
}
