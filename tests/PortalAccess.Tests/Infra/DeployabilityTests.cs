using System.Text.Json;
using System.Text.RegularExpressions;

namespace PortalAccess.Tests.Infra;

/// <summary>
/// What keeps `azd up` from tripping over its own tooling: the Bicep config azd reads fails only on real errors, the
/// strict set stays in CI with a horizon Bicep actually reads, regions are limited to Flex Consumption, and the roles
/// are what the app needs plus an optional read-only debugging user. Reads the files as text, like InfraSettingsTests.
/// </summary>
public sealed partial class DeployabilityTests
{
    private static readonly JsonDocumentOptions JsonWithComments = new() { CommentHandling = JsonCommentHandling.Skip };

    private static string Infra(string relativePath) => File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", relativePath));

    private static Dictionary<string, JsonElement> Rules(string relativePath)
    {
        using var config = JsonDocument.Parse(Infra(relativePath), JsonWithComments);
        return config.RootElement.GetProperty("analyzers").GetProperty("core").GetProperty("rules")
            .EnumerateObject().ToDictionary(rule => rule.Name, rule => rule.Value.Clone(), StringComparer.Ordinal);
    }

    private static string Level(JsonElement rule) => rule.GetProperty("level").GetString()!;

    [Fact]
    public void AzdBicepConfig_FailsOnlyOnSecretsNeverOnALinterOpinion()
    {
        var rules = Rules("bicepconfig.json");

        var errors = rules.Where(rule => Level(rule.Value) == "error").Select(rule => rule.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["outputs-should-not-contain-secrets", "secure-parameter-default"], errors);
        // the one rule that fails on a date without any change
        Assert.Equal("off", Level(rules["use-recent-api-versions"]));
    }

    [Fact]
    public void StrictBicepConfig_MakesEveryRuleAnError_WithAnApiVersionHorizonBicepReads()
    {
        var rules = Rules("strict/bicepconfig.json");

        Assert.True(rules.Count >= 55, $"the strict set lists {rules.Count} rules, Bicep 0.49.2 has 55");
        Assert.All(rules, rule => Assert.Equal("error", Level(rule.Value)));
        var recent = rules["use-recent-api-versions"];
        // "maxAllowedAgeInDays" is no option Bicep reads: the rule silently kept its 730 days
        Assert.Equal(1095, recent.GetProperty("maxAgeInDays").GetInt32());
        Assert.False(recent.TryGetProperty("maxAllowedAgeInDays", out _));
    }

    [Fact]
    public void Location_IsLimitedToFlexConsumptionRegions()
    {
        var allowed = LocationAllowedRegex().Match(Infra("main.bicep"));

        Assert.True(allowed.Success, "param location has no @allowed list");
        var regions = QuotedRegex().Matches(allowed.Groups["list"].Value).Select(match => match.Groups["value"].Value).ToList();
        Assert.Contains("westeurope", regions);
        Assert.Contains("swedencentral", regions);
        Assert.DoesNotContain("eastus2euap", regions);
        Assert.Equal(regions.Distinct().Count(), regions.Count);
        Assert.All(regions, region => Assert.Matches("^[a-z0-9]+$", region));
    }

    [Fact]
    public void Roles_AssignNoQueueRoleThatQueueDataContributorCovers()
    {
        var roles = Infra("app/roles.bicep");

        Assert.Contains("'974c5e8b-45b9-4653-ba55-5f855dd0fb88'", roles, StringComparison.Ordinal); // Queue Data Contributor
        Assert.DoesNotContain("8a0f0c08-91a1-4084-bc3d-661d67233fed", roles, StringComparison.Ordinal); // Message Processor
        Assert.DoesNotContain("c6a89b2d-59bc-44d0-9896-0f6e12d7b80a", roles, StringComparison.Ordinal); // Message Sender
    }

    [Fact]
    public void DebugReader_IsTheDeployingUser_WithReadOnlyStorageRolesOnly()
    {
        using var parameters = JsonDocument.Parse(Infra("main.parameters.json"));
        var roles = Infra("app/roles.bicep");
        var readers = Block(roles, "var debugReaderRoles = [");

        Assert.Equal("${AZURE_PRINCIPAL_ID=}", parameters.RootElement.GetProperty("parameters").GetProperty("principalId").GetProperty("value").GetString());
        Assert.Matches(@"param principalId string = ''", Infra("main.bicep"));
        Assert.Equal(["storageBlobDataReader", "storageQueueDataReader", "storageTableDataReader"],
            readers.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("roleIds.", StringComparison.Ordinal))
                .Select(line => line["roleIds.".Length..]).Order(StringComparer.Ordinal));
        Assert.Matches(@"for roleId in debugReaderRoles: if \(!empty\(debugReaderPrincipalId\)\)", roles);
    }

    private static string Block(string code, string start)
    {
        var from = code.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"{start} not found");
        return code[from..code.IndexOf(']', from + start.Length)];
    }

    [GeneratedRegex(@"@allowed\(\[(?<list>[^\]]*)\]\)\s*(?:@metadata\(\{[\s\S]*?\}\)\s*)?param location string")]
    private static partial Regex LocationAllowedRegex();

    [GeneratedRegex(@"'(?<value>[^']*)'")]
    private static partial Regex QuotedRegex();
}
