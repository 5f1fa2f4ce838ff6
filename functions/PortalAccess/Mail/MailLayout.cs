using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace PortalAccess.Mail;

/// <summary>
/// Lays the German and the English half of a mail out as plain text and as HTML that mail clients render alike:
/// tables and inline styles only, no stylesheet, no image, no script, nothing fetched from elsewhere. The link is
/// shown as a button and as its full address to copy, in both parts.
/// </summary>
public static class MailLayout
{
    // every sentence is encoded whole: names, the customer and the inviter come from users
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Paragraph = "margin:0 0 16px 0;";
    private const string Accent = "#1d4ed8";

    public static string Text(IEnumerable<MailPart> parts, Uri link) =>
        string.Join("\n\n-----\n\n", parts.Select(part => TextPart(part, link))) + "\n";

    public static string Html(string subject, string product, IEnumerable<MailPart> parts, Uri link)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(H(subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:0;background-color:#f4f4f5;\">\n")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" "
                + "style=\"background-color:#f4f4f5;\">\n")
            .Append("<tr><td align=\"center\" style=\"padding:24px 12px;\">\n")
            .Append("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" ")
            .Append("style=\"width:100%;max-width:600px;background-color:#ffffff;font-family:Arial,Helvetica,sans-serif;"
                + "font-size:15px;line-height:1.5;color:#1f2937;\">\n")
            .Append("<tr><td style=\"padding:20px 32px;border-bottom:1px solid #e5e7eb;font-size:18px;font-weight:bold;\">")
            .Append(H(product)).Append("</td></tr>\n");
        foreach (var part in parts)
        {
            HtmlPart(html, part, link);
        }
        return html.Append("</table>\n</td></tr>\n</table>\n</body>\n</html>\n").ToString();
    }

    private static string TextPart(MailPart part, Uri link) =>
        $"{part.Greeting}\n\n{part.Body}\n\n" +
        string.Join('\n', part.Facts.Select(fact => $"{fact.Label}: {fact.Value}")) +
        $"\n\n{part.Action}:\n{link}\n\n{part.Validity}\n\n{part.Ignore}";

    private static void HtmlPart(StringBuilder html, MailPart part, Uri link)
    {
        var href = H(link.ToString());
        html.Append("<tr><td lang=\"").Append(H(part.Lang)).Append("\" style=\"padding:24px 32px;border-bottom:1px solid #e5e7eb;\">\n")
            .Append("<p style=\"").Append(Paragraph).Append("\">").Append(H(part.Greeting)).Append("</p>\n")
            .Append("<p style=\"").Append(Paragraph).Append("\">").Append(H(part.Body)).Append("</p>\n")
            .Append("<p style=\"").Append(Paragraph).Append("\">")
            .AppendJoin("<br>\n", part.Facts.Select(fact => $"{H(fact.Label)}: <strong>{H(fact.Value)}</strong>")).Append("</p>\n")
            .Append("<p style=\"margin:24px 0;\"><a href=\"").Append(href)
            .Append("\" style=\"display:inline-block;padding:12px 24px;background-color:").Append(Accent)
            .Append(";color:#ffffff;text-decoration:none;font-weight:bold;border-radius:4px;\">").Append(H(part.Action))
            .Append("</a></p>\n")
            .Append("<p style=\"").Append(Paragraph).Append("\">").Append(H(part.CopyHint)).Append("<br>\n<a href=\"").Append(href)
            .Append("\" style=\"color:").Append(Accent).Append(";word-break:break-all;\">").Append(href).Append("</a></p>\n")
            .Append("<p style=\"").Append(Paragraph).Append("\">").Append(H(part.Validity)).Append("</p>\n")
            .Append("<p style=\"margin:0;font-size:13px;color:#6b7280;\">").Append(H(part.Ignore)).Append("</p>\n")
            .Append("</td></tr>\n");
    }

    private static string H(string text) => Encoder.Encode(text);
}
