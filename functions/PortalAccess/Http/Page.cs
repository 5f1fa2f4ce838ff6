namespace PortalAccess.Http;

/// <summary>A page of a list answer; <c>continuation</c> is opaque to clients and null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Continuation);
