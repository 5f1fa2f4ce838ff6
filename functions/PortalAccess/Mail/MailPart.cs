namespace PortalAccess.Mail;

/// <summary>One language's half of a mail, as plain sentences: the layout encodes them for HTML.</summary>
/// <param name="Facts">Label and value lines (login, extension, features).</param>
public sealed record MailPart(
    string Lang, string Greeting, string Body, IReadOnlyList<(string Label, string Value)> Facts, string Action, string CopyHint,
    string Validity, string Ignore);
