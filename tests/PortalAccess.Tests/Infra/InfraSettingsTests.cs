using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using PortalAccess.Storage;

namespace PortalAccess.Tests.Infra;

/// <summary>
/// Holds infra/ (Bicep) and local.settings.sample.json to what the app reads: every
/// <see cref="PortalAccessOptions"/> setting has a value in Azure and locally, no app setting
/// carries a key, and the template creates exactly the tables and queues of <see cref="StorageNames"/>.
/// Reads the sources as text, so it needs no Bicep CLI (scripts/check-infra.sh builds and lints them).
/// </summary>
public sealed partial class InfraSettingsTests
{
    /// <summary>Settings the app reads that the template deliberately leaves out (a trailing ':' covers a subtree).</summary>
    private static readonly string[] NotInAzure =
    [
        // The Standalone host's key for system endpoints; in Azure the function key does this.
        "PortalAccess:SystemKey",
        // SMTP is the local mail path; Azure sends through Communication Services.
        "PortalAccess:Mail:Smtp:",
        // Test-only: keeps test runs that share one Azurite apart.
        "PortalAccess:Storage:Prefix",
    ];

    /// <summary>Settings that local.settings.sample.json deliberately leaves out.</summary>
    private static readonly string[] NotLocal =
    [
        // Communication Services is the Azure mail path; locally mail goes to MailDev over SMTP.
        "PortalAccess:Mail:Acs:",
        "PortalAccess:Storage:Prefix",
        // Empty locally: the signing keys stay in the SigningKeys table of Azurite; in Azure they live in Key Vault.
        "PortalAccess:Tokens:KeyVaultUri",
    ];

    /// <summary>App settings named like a connection string that are allowed: its key is no credential (local auth is off).</summary>
    private static readonly string[] AllowedConnectionStringSettings = ["APPLICATIONINSIGHTS_CONNECTION_STRING"];

    private static readonly string RepoRoot = RepoPaths.Root;

    [Fact]
    public void Bicep_ProvidesEverySettingTheAppReads()
    {
        var provided = BicepPortalAccessSettings();

        var missing = OptionSettings()
            .Where(option => !IsListed(option.Key, NotInAzure))
            .Where(option => !(option.IsList ? provided.Lists : provided.Scalars).Contains(option.Key))
            .Select(option => option.IsList ? $"{option.Key} (as {ToEnvironment(option.Key)}__<n>)" : option.Key)
            .ToList();

        Assert.True(missing.Count == 0, "infra/ sets no app setting for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Bicep_SetsNoPortalAccessSettingTheAppDoesNotRead()
    {
        var options = OptionSettings().ToDictionary(option => option.Key, option => option.IsList, StringComparer.Ordinal);
        var provided = BicepPortalAccessSettings();

        var unknown = provided.Scalars.Where(key => !options.TryGetValue(key, out var isList) || isList)
            .Concat(provided.Lists.Where(key => !options.TryGetValue(key, out var isList) || !isList))
            .ToList();
        var leftOut = provided.Scalars.Concat(provided.Lists).Where(key => IsListed(key, NotInAzure)).ToList();

        Assert.True(unknown.Count == 0, "infra/ sets settings that PortalAccessOptions does not have: " + string.Join(", ", unknown));
        Assert.True(leftOut.Count == 0, "infra/ sets settings that must stay out of Azure: " + string.Join(", ", leftOut));
    }

    [Fact]
    public void Bicep_AppSettingsHoldNoKeyOrConnectionString()
    {
        var settings = AppSettingsBlock();
        var keys = settings.Keys.ToList();

        Assert.DoesNotContain("AzureWebJobsStorage", keys);
        Assert.Equal("'managedidentity'", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("AzureWebJobsStorage__accountName", keys);
        Assert.Contains("AzureWebJobsStorage__clientId", keys);
        Assert.Contains("ClientId=", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        var connectionStrings = keys
            .Where(key => key.Replace("_", "", StringComparison.Ordinal).Contains("connectionstring", StringComparison.OrdinalIgnoreCase))
            .Except(AllowedConnectionStringSettings)
            .ToList();
        Assert.True(connectionStrings.Count == 0, "app settings named like connection strings: " + string.Join(", ", connectionStrings));

        foreach (var (file, code) in BicepFiles())
        {
            foreach (var secret in new[] { "listKeys", "listConnectionStrings", "listAccountSas", "listServiceSas", "AccountKey=", "SharedAccessKey", "primaryKey", "connectionStrings:" })
            {
                Assert.False(code.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{file} uses {secret}");
            }
        }
    }

    [Fact]
    public void Bicep_TurnsOffSharedKeysAndLocalAuth()
    {
        Assert.Matches(@"allowSharedKeyAccess:\s*false", BicepCode("app/storage.bicep"));
        Assert.Matches(@"allowBlobPublicAccess:\s*false", BicepCode("app/storage.bicep"));
        Assert.Matches(@"minimumTlsVersion:\s*'TLS1_2'", BicepCode("app/storage.bicep"));
        Assert.Matches(@"DisableLocalAuth:\s*true", BicepCode("app/monitoring.bicep"));
        Assert.Matches(@"disableLocalAuth:\s*true", BicepCode("app/mail.bicep"));
        Assert.Matches(@"type:\s*'UserAssignedIdentity'", BicepCode("app/api.bicep"));
    }

    [Fact]
    public void Bicep_KeepsTheSigningKeysInAnRbacOnlyVault_TheAppsIdentityMaySetSecretsThereAndNowhereElse()
    {
        var vault = BicepCode("app/keyvault.bicep");
        var roles = BicepCode("app/roles.bicep");

        Assert.Matches(@"enableRbacAuthorization:\s*true", vault);
        Assert.Matches(@"enableSoftDelete:\s*true", vault);
        Assert.Matches(@"enablePurgeProtection:\s*true", vault);
        Assert.DoesNotContain("accessPolicies", vault, StringComparison.Ordinal);
        Assert.Equal("keyVaultUri", AppSettingsBlock()["PortalAccess__Tokens__KeyVaultUri"]);
        Assert.Matches(@"keyVaultUri:\s*keyVault\.outputs\.uri", BicepCode("main.bicep"));
        Assert.Matches(@"output AZURE_KEY_VAULT_NAME string = keyVault\.outputs\.name", BicepCode("main.bicep"));
        // Key Vault Secrets Officer, assigned on the vault itself (not the resource group)
        Assert.Contains("'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'", roles, StringComparison.Ordinal);
        Assert.Matches(@"guid\(keyVault\.id, identity\.id, roleIds\.keyVaultSecretsOfficer\)\s*\n\s*scope:\s*keyVault\b", roles);
    }

    [Fact]
    public void Bicep_CreatesExactlyTheTablesAndQueuesTheAppUses()
    {
        var storage = BicepCode("app/storage.bicep");

        Assert.Equal(StorageNames.Tables.Order(StringComparer.Ordinal), StringArray(storage, "tableNames").Order(StringComparer.Ordinal));
        Assert.Equal(StorageNames.Queues.Order(StringComparer.Ordinal), StringArray(storage, "queueNames").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Bicep_DefaultLifetimesAreTimeSpansWithinTheDesign()
    {
        var lifetimes = ParamDefaultRegex().Matches(BicepCode("main.bicep"))
            .Where(match => match.Groups["name"].Value.EndsWith("Lifetime", StringComparison.Ordinal))
            .ToDictionary(match => match.Groups["name"].Value, match => TimeSpan.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));

        Assert.Equal(4, lifetimes.Count);
        Assert.True(lifetimes["accessTokenLifetime"] <= TimeSpan.FromMinutes(10), "DESIGN.md: access tokens live at most 10 minutes");
        Assert.Equal(TimeSpan.FromDays(7), lifetimes["activationLinkLifetime"]);
        Assert.Equal(TimeSpan.FromHours(1), lifetimes["resetLinkLifetime"]);
    }

    [Fact]
    public void ParametersFile_NamesOnlyParametersOfMainBicep()
    {
        var declared = ParamRegex().Matches(BicepCode("main.bicep")).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot, "infra", "main.parameters.json")));

        var named = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();

        Assert.All(named, name => Assert.Contains(name, declared));
        Assert.Contains("environmentName", named);
        Assert.Contains("location", named);
    }

    [Fact]
    public void LocalSettings_EveryPortalAccessValueMapsToAnOption()
    {
        var options = OptionSettings().ToDictionary(option => option.Key, option => option.IsList, StringComparer.Ordinal);

        foreach (var name in LocalValues().Keys.Where(name => name.StartsWith("PortalAccess__", StringComparison.Ordinal)))
        {
            var index = ListIndexRegex().Match(name);
            var key = FromEnvironment(index.Success ? name[..index.Index] : name);
            Assert.True(options.TryGetValue(key, out var isList), $"local.settings.sample.json: {name} is not a PortalAccessOptions setting");
            Assert.True(isList == index.Success, $"local.settings.sample.json: {name} " + (isList ? "needs an index (__0)" : "is not a list"));
        }
    }

    [Fact]
    public void LocalSettings_GiveEveryOptionALocalValue()
    {
        var values = LocalValues();

        var missing = OptionSettings()
            .Where(option => !IsListed(option.Key, NotLocal))
            .Where(option => !values.TryGetValue(ToEnvironment(option.Key) + (option.IsList ? "__0" : ""), out var value) || string.IsNullOrWhiteSpace(value))
            .Select(option => option.Key)
            .ToList();

        Assert.True(missing.Count == 0, "local.settings.sample.json has no value for: " + string.Join(", ", missing));
    }

    [Fact]
    public void LocalSettings_BindToWorkingLocalOptions()
    {
        var values = LocalValues();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => KeyValuePair.Create(FromEnvironment(pair.Key), (string?)pair.Value)))
            .Build();

        var options = configuration.GetSection(PortalAccessOptions.Section).Get<PortalAccessOptions>()!;

        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal(new Uri("http://localhost:5173"), options.PortalBaseUrl);
        Assert.Equal("Smtp", options.Mail.Provider);
        Assert.Equal(1025, options.Mail.Smtp.Port);
        Assert.Equal("PortalAccess", options.Mail.FromName);
        Assert.Equal("PortalAccess", options.Mail.ProductName);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Tokens.AccessTokenLifetime);
        Assert.Equal(TimeSpan.FromDays(7), options.Links.ActivationLifetime);
        Assert.Equal(new[] { "http://localhost:5173" }, options.Cors.AllowedOrigins);
        Assert.StartsWith("local-", options.SystemKey, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalSettings_RunTheHostOnTheSharedLocalPorts()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot, "local.settings.sample.json")));
        var host = settings.RootElement.GetProperty("Host");

        Assert.False(settings.RootElement.GetProperty("IsEncrypted").GetBoolean());
        Assert.Equal(7071, host.GetProperty("LocalHttpPort").GetInt32());
        Assert.Equal("http://localhost:5173", host.GetProperty("CORS").GetString());
    }

    [Fact]
    public void HostJson_QueueSettingsMatchTheMailOutbox()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot, "host.json")));
        var extensions = hostJson.RootElement.GetProperty("extensions");
        var queues = extensions.GetProperty("queues");

        Assert.Equal("2.0", hostJson.RootElement.GetProperty("version").GetString());
        Assert.Equal("api", extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        // MailOutbox writes with QueueMessageEncoding.Base64 (ServiceCollectionExtensions).
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        // After 5 dequeues a message moves to mail-outbox-poison, which the template creates.
        Assert.Equal(5, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Contains(StorageNames.MailOutboxPoisonQueue, StringArray(BicepCode("app/storage.bicep"), "queueNames"));
    }

    private sealed record OptionSetting(string Key, bool IsList);

    private sealed record ProvidedSettings(HashSet<string> Scalars, HashSet<string> Lists);

    /// <summary>Every setting PortalAccessOptions binds, as configuration keys (PortalAccess:Tokens:Issuer).</summary>
    private static IEnumerable<OptionSetting> OptionSettings() => OptionSettings(typeof(PortalAccessOptions), PortalAccessOptions.Section);

    private static IEnumerable<OptionSetting> OptionSettings(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var key = $"{prefix}:{property.Name}";
            var propertyType = property.PropertyType;
            if (IsOptionsClass(propertyType))
            {
                foreach (var nested in OptionSettings(propertyType, key))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return new OptionSetting(key, propertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(propertyType));
            }
        }
    }

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type != typeof(string) && !type.IsArray && type.Assembly == typeof(PortalAccessOptions).Assembly;

    private static bool IsListed(string key, string[] list) =>
        list.Any(entry => entry.EndsWith(':') ? key.StartsWith(entry, StringComparison.Ordinal) : key == entry);

    private static string ToEnvironment(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    private static string FromEnvironment(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>PortalAccess settings that infra/ sets: object keys, and indexed names built from a list ('PortalAccess__X__${i}').</summary>
    private static ProvidedSettings BicepPortalAccessSettings()
    {
        var code = string.Join('\n', BicepFiles().Select(file => file.Code));
        return new ProvidedSettings(
            SettingKeyRegex().Matches(code).Select(match => FromEnvironment(match.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal),
            IndexedSettingRegex().Matches(code).Select(match => FromEnvironment(match.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The <c>var appSettings = { ... }</c> object of api.bicep: setting name to Bicep expression.</summary>
    private static Dictionary<string, string> AppSettingsBlock()
    {
        var block = Block(BicepCode("app/api.bicep"), "var appSettings = {", '{', '}');
        return block.Split('\n')
            .Select(line => ObjectEntryRegex().Match(line))
            .Where(match => match.Success)
            .ToDictionary(match => match.Groups["name"].Value, match => match.Groups["value"].Value.Trim(), StringComparer.Ordinal);
    }

    /// <summary>The string literals of <c>var name = [ ... ]</c>.</summary>
    private static List<string> StringArray(string code, string variable) =>
        StringLiteralRegex().Matches(Block(code, $"var {variable} = [", '[', ']')).Select(match => match.Groups["value"].Value).ToList();

    /// <summary>The text between the opening bracket that ends <paramref name="header"/> and its match, outside string literals.</summary>
    private static string Block(string code, string header, char open, char close)
    {
        var start = code.IndexOf(header, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{header}' not found");
        var depth = 0;
        var inString = false;
        for (var i = start + header.Length - 1; i < code.Length; i++)
        {
            var c = code[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '\'')
                {
                    inString = false;
                }
            }
            else if (c == '\'')
            {
                inString = true;
            }
            else if (c == open)
            {
                depth++;
            }
            else if (c == close && --depth == 0)
            {
                return code[(start + header.Length)..i];
            }
        }
        throw new InvalidOperationException($"'{header}' is not closed");
    }

    private static string BicepCode(string relativePath) =>
        WithoutComments(File.ReadAllText(Path.Combine(RepoRoot, "infra", relativePath)));

    private static IEnumerable<(string File, string Code)> BicepFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot, "infra"), "*.bicep", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetRelativePath(RepoRoot, path), WithoutComments(File.ReadAllText(path))));

    /// <summary>Bicep without // and /* */ comments, so a setting named only in a comment does not count.</summary>
    private static string WithoutComments(string code)
    {
        var result = new StringBuilder(code.Length);
        var inString = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (inString)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < code.Length)
                {
                    result.Append(code[++i]);
                }
                else if (c == '\'')
                {
                    inString = false;
                }
            }
            else if (c == '\'')
            {
                inString = true;
                result.Append(c);
            }
            else if (c == '/' && i + 1 < code.Length && code[i + 1] == '/')
            {
                while (i < code.Length && code[i] != '\n')
                {
                    i++;
                }
                result.Append('\n');
            }
            else if (c == '/' && i + 1 < code.Length && code[i + 1] == '*')
            {
                var end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? code.Length : end + 1;
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    private static Dictionary<string, string> LocalValues()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot, "local.settings.sample.json")));
        return settings.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^\s*(?<name>PortalAccess__\w+)\s*:", RegexOptions.Multiline)]
    private static partial Regex SettingKeyRegex();

    [GeneratedRegex(@"'(?<name>PortalAccess__\w+?)__\$\{")]
    private static partial Regex IndexedSettingRegex();

    [GeneratedRegex(@"^\s*'?(?<name>[A-Za-z_][A-Za-z0-9_]*)'?\s*:\s*(?<value>.+)$")]
    private static partial Regex ObjectEntryRegex();

    [GeneratedRegex(@"'(?<value>[^']*)'")]
    private static partial Regex StringLiteralRegex();

    [GeneratedRegex(@"^param\s+(?<name>\w+)\s", RegexOptions.Multiline)]
    private static partial Regex ParamRegex();

    [GeneratedRegex(@"^param\s+(?<name>\w+)\s+string\s*=\s*'(?<value>[^']*)'", RegexOptions.Multiline)]
    private static partial Regex ParamDefaultRegex();

    [GeneratedRegex(@"__\d+$")]
    private static partial Regex ListIndexRegex();
}
