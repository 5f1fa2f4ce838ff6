namespace PortalAccess.Principals;

/// <summary>
/// A principal with its granted areas or features, as stored in the <c>Accounts</c> table.
/// This row is the truth: login index and link rows that disagree with it are stale.
/// </summary>
public sealed record Account
{
    public required string CustomerNumber { get; init; }
    public required string Id { get; init; }
    public required PrincipalKind Kind { get; init; }
    public required string Name { get; init; }
    /// <summary>The normalised login: customer number, lower-case email or E.164 number.</summary>
    public required string Login { get; init; }
    /// <summary>Where mail goes (for users the login; for the owner the contact address).</summary>
    public string? Email { get; init; }
    public AccountStatus Status { get; init; }
    public string? PasswordHash { get; init; }
    /// <summary>Changes whenever sessions of this principal must end.</summary>
    public required string SecurityStamp { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    /// <summary>The display name of whoever created the principal, for the welcome mail.</summary>
    public string? CreatedByName { get; init; }
    public DateTimeOffset? ActivatedAt { get; init; }
    public DateTimeOffset? LastLoginAt { get; init; }
    public PendingMail? Mail { get; init; }
    /// <summary>Failed sign-ins since the last success.</summary>
    public int FailedLogins { get; init; }
    /// <summary>Desks: the PBX extension (PBX desks) or the E.164 number (SIP desks).</summary>
    public string? Extension { get; init; }
    public string? Number { get; init; }
    /// <summary>Desks: <c>manual</c>, <c>webrtc-device</c> or <c>sip-account</c>, and the telephony object behind it.</summary>
    public string? Source { get; init; }
    public string? SourceId { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public IReadOnlySet<string> Grants { get; init; } = new HashSet<string>();
    /// <summary>Storage ETag of the principal row; every write of the principal changes it.</summary>
    public string? ETag { get; init; }

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil > now;

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// An id that follows from what the principal stands for (the owner of a customer, the desk of a device), so that
    /// racing or repeated creations meet on one row instead of making two.
    /// </summary>
    public static string DerivedId(params string[] parts) =>
        Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..32];
    public static string NewStamp() => Guid.NewGuid().ToString("N");
}
