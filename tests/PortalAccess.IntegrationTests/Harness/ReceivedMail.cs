namespace PortalAccess.IntegrationTests.Harness;

/// <summary>A mail MailDev caught, as its REST API reports it.</summary>
/// <param name="To">Addresses of the To header, e.g. "bob@example.com".</param>
/// <param name="From">Address of the From header.</param>
/// <param name="Date">The Date header, or when MailDev received the mail if it had none.</param>
/// <param name="FromName">Display name of the From header, empty without one.</param>
public sealed record ReceivedMail(
    string Id,
    string Subject,
    string? Text,
    string? Html,
    IReadOnlyList<string> To,
    string From,
    DateTimeOffset Date,
    string FromName = "");
