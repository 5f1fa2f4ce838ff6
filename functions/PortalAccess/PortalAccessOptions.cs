using PortalAccess.Catalogs;

namespace PortalAccess;

/// <summary>
/// Every setting the app reads, bound from the <c>PortalAccess</c> configuration section
/// (environment form: <c>PortalAccess__Tokens__Issuer</c>). Storage comes from
/// <c>AzureWebJobsStorage</c>, the same connection the Functions host uses.
/// </summary>
public sealed class PortalAccessOptions
{
    public const string Section = "PortalAccess";

    /// <summary>Where the portal frontend lives; mail links point into it.</summary>
    public Uri PortalBaseUrl { get; set; } = new("http://localhost:5173");

    /// <summary>Key the Standalone host demands on system endpoints; in Azure the function key does this.</summary>
    public string? SystemKey { get; set; }

    public MailOptions Mail { get; set; } = new();
    public TokenOptions Tokens { get; set; } = new();
    public LinkOptions Links { get; set; } = new();
    public CorsOptions Cors { get; set; } = new();
    public StorageOptions Storage { get; set; } = new();
    public DeskOptions Desks { get; set; } = new();
    public HashingOptions Hashing { get; set; } = new();
    public RateLimitOptions RateLimits { get; set; } = new();
}

/// <summary>How many password hashes run at once, and how much hash work may queue before callers get a 503.</summary>
public sealed class HashingOptions
{
    /// <summary>Hashes computed at once; 0 means one per core (<see cref="Environment.ProcessorCount"/>), the CPU-bound optimum.</summary>
    public int MaxConcurrent { get; set; }

    /// <summary>
    /// A caller is refused (503 with <c>Retry-After</c>) when the hashes queued ahead of it would take longer than this
    /// to drain (queued × measured hash time ÷ <see cref="MaxConcurrent"/>). 2 s by default: a sign-in that waits longer
    /// is better told to come back than left to slow every other one down.
    /// </summary>
    public TimeSpan MaxQueuedWork { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class DeskOptions
{
    /// <summary>The features a desk gets when the telephony system reports a new WebRTC device.</summary>
    public string[] WebRtcFeatures { get; set; } =
    [
        Catalog.Features.CallForwarding, Catalog.Features.Voicemail, Catalog.Features.CallerId,
        Catalog.Features.CallList, Catalog.Features.Contacts,
    ];
}

public sealed class MailOptions
{
    /// <summary><c>Smtp</c> (local, any relay) or <c>AzureCommunicationServices</c>.</summary>
    public string Provider { get; set; } = "Smtp";
    public string From { get; set; } = "portal@localhost";

    /// <summary>
    /// Display name of the sender (<c>PortalAccess &lt;portal@…&gt;</c>): a bare address looks like phishing. ACS shows
    /// the display name of its sender username instead (infra sets both from one parameter).
    /// </summary>
    public string FromName { get; set; } = "PortalAccess";

    /// <summary>What the mails call the portal ("… hat Sie zu PortalAccess eingeladen"), so people recognise it.</summary>
    public string ProductName { get; set; } = "PortalAccess";

    public SmtpOptions Smtp { get; set; } = new();
    public AcsOptions Acs { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 1025;
}

public sealed class AcsOptions
{
    public Uri? Endpoint { get; set; }
}

public sealed class TokenOptions
{
    public string Issuer { get; set; } = "https://portalaccess.local";
    public string Audience { get; set; } = "portal";
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Key Vault that holds the signing keys (https://&lt;vault&gt;.vault.azure.net/); empty keeps them in the
    /// <c>SigningKeys</c> table (local runs).
    /// </summary>
    public Uri? KeyVaultUri { get; set; }
}

public sealed class LinkOptions
{
    public TimeSpan ActivationLifetime { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan ResetLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Limits of the anonymous auth routes (sign-in, refresh, activation, password reset), per instance: per client address
/// and, where the body names one, per login. Over a limit a caller gets 429 with <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests per <see cref="Window"/> from one client address, over all those routes.</summary>
    public int PerClient { get; set; } = 30;

    /// <summary>Sign-ins and reset requests per <see cref="Window"/> for one login, from anywhere.</summary>
    public int PerLogin { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A login gets at most one password-reset mail per interval (4 an hour by default), kept with the account so every
    /// instance sees it; the request is still answered 202, so nobody learns whether the login exists.
    /// </summary>
    public TimeSpan ResetMailInterval { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class CorsOptions
{
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>Test-only knob: a prefix for table and queue names so runs sharing one Azurite do not meet.</summary>
public sealed class StorageOptions
{
    public string Prefix { get; set; } = "";
}
