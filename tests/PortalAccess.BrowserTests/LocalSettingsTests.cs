using Microsoft.Extensions.Configuration;

namespace PortalAccess.BrowserTests;

/// <summary>Locally (run.sh starts the Standalone host in Development) the mail links must open the portal that host serves.</summary>
public sealed class LocalSettingsTests
{
    [Fact]
    public void Development_PointsMailLinksAtTheStandaloneHostItself()
    {
        var host = Path.Combine(RepoPaths.Root, "functions", "PortalAccess.Standalone");
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(host, "appsettings.json"))
            .AddJsonFile(Path.Combine(host, "appsettings.Development.json"))
            .Build();

        var options = configuration.GetSection(PortalAccessOptions.Section).Get<PortalAccessOptions>()!;

        Assert.Equal(new Uri(configuration["Urls"]!), options.PortalBaseUrl);
        Assert.True(File.Exists(Path.Combine(host, "wwwroot", "index.html")));
    }
}
