using Microsoft.Extensions.Options;
using PortalAccess.Mail;
using PortalAccess.Storage;

namespace PortalAccess.Tests;

public class MailComposerTests
{
    private readonly MailComposer composer = new(Options.Create(new PortalAccessOptions { PortalBaseUrl = new Uri("https://portal.example/") }));

    private static readonly Account User = new()
    {
        CustomerNumber = "100001", Id = Account.NewId(), Kind = PrincipalKind.User, Name = "Erika <b>Muster</b>",
        Login = "erika@example.com", Email = "erika@example.com", SecurityStamp = "s", CreatedBy = "x",
    };

    [Fact]
    public void ActivationLink_PointsAtThePortal_WithTheTokenInTheFragment() =>
        Assert.Equal("https://portal.example/activate#token=abc", composer.LinkFor(LinkPurpose.Activation, "abc").ToString());

    [Fact]
    public void ResetLink_PointsAtTheResetPage() =>
        Assert.Equal("https://portal.example/reset-password#token=abc", composer.LinkFor(LinkPurpose.PasswordReset, "abc").ToString());

    [Fact]
    public void ActivationMail_IsGermanAndEnglish_TextAndHtml_WithTheLink()
    {
        var link = composer.LinkFor(LinkPurpose.Activation, "tok123");
        var mail = composer.Compose(User, LinkPurpose.Activation, link, DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("erika@example.com", mail.To);
        Assert.Contains("Hallo", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Hello", mail.Text, StringComparison.Ordinal);
        Assert.Contains(link.ToString(), mail.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://portal.example/activate#token=tok123\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains("2026-12-01 10:00 UTC", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Muster</b>", mail.Html, StringComparison.Ordinal);
    }
}
