namespace PortalAccess.Mail;

/// <summary>A composed mail, ready for a sender.</summary>
public sealed record OutgoingMail(string To, string ToName, string Subject, string Text, string Html);
