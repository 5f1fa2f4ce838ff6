namespace PortalAccess.Auth.Passwords;

/// <summary>Whether a caller may be refused while hashing is saturated.</summary>
public enum HashQueueing
{
    /// <summary>Requests from the internet (sign-in, password set or change): refused at once (503) rather than queued long.</summary>
    RefuseWhenBusy,

    /// <summary>Authenticated system work (telephony events): waits its turn, since a refusal would only come back as a retry.</summary>
    Wait,
}
