namespace PortalAccess.OfficeDesks;

public sealed record DeskRequest(string? Name, string? Email, string? Extension, string[]? Features)
{
    /// <summary>The request once <see cref="DeskValidation.Validate"/> passed: every field is there.</summary>
    public DeskChange Validated() => new(Name!.Trim(), Email!.Trim(), Extension!, Features!.ToHashSet(StringComparer.Ordinal));
}
