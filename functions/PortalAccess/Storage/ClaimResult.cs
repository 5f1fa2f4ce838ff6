namespace PortalAccess.Storage;

public enum ClaimResult
{
    /// <summary>This worker may do the work now, and must then complete or release the claim.</summary>
    Claimed,
    /// <summary>The work was done before: a redelivery, nothing to do.</summary>
    Done,
    /// <summary>Another worker holds a live claim: try again later.</summary>
    Busy,
}
