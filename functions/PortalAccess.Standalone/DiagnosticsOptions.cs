namespace PortalAccess.Standalone;

/// <summary>Measurements the Standalone host can report for benchmarks; all off by default.</summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "Standalone:Diagnostics";

    /// <summary>Answers every request with <c>x-storage-requests: N</c>, the storage round trips it made.</summary>
    public bool StorageRequestCountHeader { get; set; }
}
