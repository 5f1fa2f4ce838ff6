namespace PortalAccess.Mail;

/// <summary>Another delivery of the same message is being handled right now; the queue retries this one later.</summary>
public sealed class MailBusyException(string mailId) : Exception($"Mail {mailId} is being sent by another delivery.");
