namespace PortalAccess;

/// <summary>
/// A refused domain operation, with what its answer needs: the field of an <see cref="RefusalKind.Invalid"/> value, the
/// code of a <see cref="RefusalKind.Conflict"/>, a detail for the person. <c>Problems.For</c> turns it into problem+json.
/// </summary>
public sealed record Refusal(RefusalKind Kind, string? Detail = null, string? Code = null, string? Field = null)
{
    public static Refusal NotFound { get; } = new(RefusalKind.NotFound);

    /// <summary>The row changed since it was read (or since the caller's <c>If-Match</c>).</summary>
    public static Refusal Stale { get; } = new(RefusalKind.Stale);

    /// <summary>The email (the login) belongs to another principal.</summary>
    public static Refusal LoginTaken { get; } = new(RefusalKind.LoginTaken);

    /// <summary>The link is unknown, used, replaced or expired.</summary>
    public static Refusal Gone { get; } = new(RefusalKind.Gone);

    public static Refusal Invalid(string field, string detail) => new(RefusalKind.Invalid, detail, Field: field);

    public static Refusal NotAllowed(string detail) => new(RefusalKind.NotAllowed, detail);

    /// <summary>DESIGN.md rule 2: the operation would give or touch rights the caller does not hold.</summary>
    public static Refusal Escalation(string detail) => new(RefusalKind.Escalation, detail);

    public static Refusal Conflict(string code, string detail) => new(RefusalKind.Conflict, detail, code);
}
