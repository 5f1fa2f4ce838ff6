using System.Reflection;

namespace PortalAccess.IntegrationTests.Harness;

/// <summary>Locations in the repository checkout the tests run from.</summary>
public static class RepoPaths
{
    private const string SolutionFile = "PortalAccess.slnx";

    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder that holds PortalAccess.slnx.</summary>
    public static string Root => RootPath.Value;

    /// <summary>node_modules/.bin, filled by <c>npm ci</c> at the repository root.</summary>
    public static string NodeBin => Path.Combine(Root, "node_modules", ".bin");

    /// <summary>
    /// The build output of functions/PortalAccess.Functions in the configuration these tests were built in (the test
    /// project references it, so building the tests builds it).
    /// </summary>
    public static string FunctionsApp
    {
        get
        {
            var configuration = typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var path = Path.Combine(Root, "functions", "PortalAccess.Functions", "bin", configuration, "net10.0");
            return File.Exists(Path.Combine(path, "functions.metadata"))
                ? path
                : throw new InvalidOperationException($"No Functions build in '{path}'. Build the solution (dotnet build PortalAccess.slnx) first.");
        }
    }

    /// <summary>The preload that ends a node tool with the test host that started it (see <c>NodeToolProcess</c>).</summary>
    public static string ExitWithParentScript => Path.Combine(Root, "scripts", "lib", "exit-with-parent.cjs");

    /// <summary>The launcher npm put in node_modules/.bin for <paramref name="tool"/>; fails with a hint when npm ci has not run.</summary>
    public static string NodeTool(string tool)
    {
        // npm writes a .cmd shim on Windows and a symlink to the script elsewhere
        var path = Path.Combine(NodeBin, OperatingSystem.IsWindows() ? tool + ".cmd" : tool);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"'{path}' was not found. Run `npm ci` in {Root} to install Azurite and MailDev for the integration tests.");
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No {SolutionFile} found in {AppContext.BaseDirectory} or any parent folder.");
    }
}
