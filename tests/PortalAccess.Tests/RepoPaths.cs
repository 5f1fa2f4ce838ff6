namespace PortalAccess.Tests;

/// <summary>The repository's root, found from the test binaries upwards, for tests that read committed files.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PortalAccess.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("PortalAccess.slnx not found above " + AppContext.BaseDirectory);
    }
}
