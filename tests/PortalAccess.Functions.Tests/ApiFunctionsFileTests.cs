using PortalAccess.Functions.Tests.Generation;

namespace PortalAccess.Functions.Tests;

/// <summary>
/// The Functions app's HTTP functions are generated from the route table (<see cref="ApiFunctionsWriter"/>), and the
/// committed ApiFunctions.g.cs is what the generator writes now. Together with the generator's own checks this
/// guarantees what the hand-kept adapters' tests did: one function per row, named as the row, with its method, route
/// and auth level (system-key rows: AuthorizationLevel.Function), each calling that row's own handler with the
/// request, its route values by name, its services and the cancellation token, returning an IResult; and the
/// route-miss functions with the patterns and methods <see cref="Http.RouteMisses"/> computes. What the real worker
/// loads from the build is checked in the integration suite (WorkerFunctionsTests, RouteTourTests on the worker).
/// </summary>
public sealed class ApiFunctionsFileTests
{
    [Fact]
    public void ApiFunctionsFile_IsWhatTheRouteTableGenerates()
    {
        var generated = ApiFunctionsWriter.Write(PortalApi.Routes);
        var path = Path.Combine(RepoRoot(), ApiFunctionsWriter.RelativePath);
        if (Environment.GetEnvironmentVariable("UPDATE_FUNCTIONS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        var expected = generated.Split('\n');
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n') : [];
        var first = Enumerable.Range(0, Math.Max(expected.Length, committed.Length))
            .FirstOrDefault(i => i >= expected.Length || i >= committed.Length || expected[i] != committed[i], -1);
        Assert.True(first < 0,
            $"{ApiFunctionsWriter.RelativePath} is stale at line {first + 1}:\n"
            + $"  committed: {(first >= 0 && first < committed.Length ? committed[first] : "(end of file)")}\n"
            + $"  generated: {(first >= 0 && first < expected.Length ? expected[first] : "(end of file)")}\n"
            + $"Run {ApiFunctionsWriter.Command}");
    }

    [Fact]
    public void ApiFunctionsFile_HasNoLineOverTheLimit()
    {
        var lines = ApiFunctionsWriter.Write(PortalApi.Routes).Split('\n');

        Assert.All(lines, line => Assert.True(line.Length <= ApiFunctionsWriter.MaxLineLength, $"{line.Length} characters: {line}"));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PortalAccess.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("PortalAccess.slnx not found above " + AppContext.BaseDirectory);
    }
}
