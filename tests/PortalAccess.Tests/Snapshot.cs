namespace PortalAccess.Tests;

/// <summary>
/// Holds generated text to a committed file in tests/PortalAccess.Tests/Snapshots, compared exactly, so every change
/// of a mail shows up in review. Run the tests with UPDATE_SNAPSHOTS=1 to rewrite the files after an intended change.
/// </summary>
internal static class Snapshot
{
    public static void AssertMatches(string fileName, string actual)
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "PortalAccess.Tests", "Snapshots", fileName);
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
        }
        Assert.True(File.Exists(path), $"{fileName} is missing: run the tests once with UPDATE_SNAPSHOTS=1");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
