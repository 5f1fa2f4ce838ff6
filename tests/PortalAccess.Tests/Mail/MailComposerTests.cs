using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PortalAccess.Customers;
using PortalAccess.Events;
using PortalAccess.Mail;
using PortalAccess.Principals;

namespace PortalAccess.Tests.Mail;

/// <summary>
/// The mails as their recipients see them. The snapshots in Snapshots/ are the whole mails (text and HTML) for a
/// fixed link and expiry; rewrite them with UPDATE_SNAPSHOTS=1 after an intended change and review the diff.
/// </summary>
public sealed partial class MailComposerTests
{
    private const string Xss = "<img src=x onerror=alert(1)>";

    private static readonly DateTimeOffset ExpiresAt = DateTimeOffset.Parse("2026-12-03T15:45:00Z", CultureInfo.InvariantCulture);

    private readonly MailComposer composer = new(Options.Create(new PortalAccessOptions
    {
        PortalBaseUrl = new Uri("https://portal.example/"),
        Mail = new MailOptions { ProductName = "TelPortal" },
    }));

    private static readonly Account Owner = new()
    {
        CustomerNumber = "100001", Id = CustomerProvisioning.OwnerId("100001"), Kind = PrincipalKind.Owner, Name = "Demo GmbH",
        Login = "100001", Email = "buchhaltung@demo.example", SecurityStamp = "s", CreatedBy = "system",
    };

    private static readonly Account User = new()
    {
        CustomerNumber = "100001", Id = "0123456789abcdef0123456789abcdef", Kind = PrincipalKind.User, Name = "Max Beispiel",
        Login = "max@demo.example", Email = "max@demo.example", SecurityStamp = "s", CreatedBy = "fedcba9876543210fedcba9876543210",
        CreatedByName = "Erika Muster",
    };

    private static readonly Account Desk = new()
    {
        CustomerNumber = "100001", Id = "00112233445566778899aabbccddeeff", Kind = PrincipalKind.PbxDesk, Name = "Empfang",
        Login = "empfang@demo.example", Email = "empfang@demo.example", SecurityStamp = "s", CreatedBy = Owner.Id, CreatedByName = Owner.Name,
        Extension = "201", Grants = new HashSet<string> { "voicemail", "fax" },
    };

    [Fact]
    public void ActivationLink_PointsAtThePortal_WithTheTokenInTheFragment() =>
        Assert.Equal("https://portal.example/activate#token=abc", composer.LinkFor(LinkPurpose.Activation, "abc").ToString());

    [Fact]
    public void ResetLink_PointsAtTheResetPage() =>
        Assert.Equal("https://portal.example/reset-password#token=abc", composer.LinkFor(LinkPurpose.PasswordReset, "abc").ToString());

    [Theory]
    [InlineData("activation-user", LinkPurpose.Activation, "user")]
    [InlineData("activation-owner", LinkPurpose.Activation, "owner")]
    [InlineData("desk-welcome", LinkPurpose.DeskWelcome, "desk")]
    [InlineData("password-reset", LinkPurpose.PasswordReset, "user")]
    public void Mail_MatchesItsSnapshot(string snapshot, LinkPurpose purpose, string recipient)
    {
        var mail = Compose(recipient switch { "owner" => Owner, "desk" => Desk, _ => User }, purpose);

        Snapshot.AssertMatches($"{snapshot}.txt", $"Subject: {mail.Subject}\nTo: {mail.ToName} <{mail.To}>\n\n{mail.Text}");
        Snapshot.AssertMatches($"{snapshot}.html", mail.Html);
    }

    [Fact]
    public void ActivationMail_NamesWhoInvited_TheLinkAndItsExpiry_InBothLanguages()
    {
        var mail = Compose(User, LinkPurpose.Activation);

        Assert.Equal("Ihr Zugang zu TelPortal: bitte Passwort vergeben", mail.Subject);
        Assert.Contains("Erika Muster von Demo GmbH (Kundennummer 100001) hat Sie zu TelPortal eingeladen.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Erika Muster at Demo GmbH (customer number 100001) has invited you to TelPortal.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("gültig bis 3. Dezember 2026, 16:45 Uhr.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("valid until 3 December 2026, 4:45 pm (Berlin time).", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Sie haben diese E-Mail nicht erwartet? Dann ignorieren Sie sie einfach.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Sie haben diese E-Mail nicht erwartet? Dann ignorieren Sie sie einfach.", mail.Html, StringComparison.Ordinal);
        Assert.True(mail.Text.IndexOf("Hallo Max Beispiel,", StringComparison.Ordinal) < mail.Text.IndexOf("Hello Max Beispiel,", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_ShowsTheFullLinkToCopy_AndLoadsNothing()
    {
        var mail = Compose(User, LinkPurpose.Activation);
        const string link = "https://portal.example/activate#token=tok123";

        Assert.Equal(2, Regex.Count(mail.Html, Regex.Escape($">{link}</a>")));
        Assert.All(HrefRegex().Matches(mail.Html), href => Assert.Equal(link, href.Groups[1].Value));
        foreach (var forbidden in new[] { "<script", "src=", "<link", "<style", "<img", "url(", "javascript:", "class=" })
        {
            Assert.DoesNotContain(forbidden, mail.Html, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(2, Regex.Count(mail.Text, Regex.Escape(link)));
    }

    [Fact]
    public void UserSuppliedNames_RenderAsTextInHtml()
    {
        var recipient = User with { Name = Xss, CreatedByName = Xss, Email = "x@demo.example" };
        var origin = MailOrigin.Of(recipient, Owner with { Name = Xss });

        var mail = composer.Compose(recipient, origin, LinkPurpose.Activation, composer.LinkFor(LinkPurpose.Activation, "tok123"), ExpiresAt);

        Assert.DoesNotContain("<img", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Hallo &lt;img src=x onerror=alert(1)&gt;,", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; von &lt;img src=x onerror=alert(1)&gt; (Kundennummer 100001)", mail.Html, StringComparison.Ordinal);
        Assert.Contains($"Hallo {Xss},", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DeskWelcome_NamesExtensionAndFeatures()
    {
        var mail = Compose(Desk, LinkPurpose.DeskWelcome);

        Assert.Contains("Demo GmbH (Kundennummer 100001) hat für Sie einen OfficeDesk-Zugang", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Nebenstelle: 201", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Extension: 201", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Freigeschaltet: Fax versenden, Anrufbeantworter", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Origin_TellsOwnerPersonAndPhoneSystemApart()
    {
        Assert.Equal(new MailOrigin("100001", "Demo GmbH", null, false), MailOrigin.Of(Owner, Owner));
        Assert.Equal(new MailOrigin("100001", "Demo GmbH", null, false), MailOrigin.Of(Desk, Owner));
        Assert.Equal(new MailOrigin("100001", "Demo GmbH", "Erika Muster", false), MailOrigin.Of(User, Owner));
        var byTelephony = Desk with { CreatedBy = TelephonyEventApplier.Telephony.Id, CreatedByName = TelephonyEventApplier.Telephony.Name };
        Assert.Equal(new MailOrigin("100001", null, null, true), MailOrigin.Of(byTelephony, null));
    }

    [Fact]
    public void PhoneSystemDesk_WithoutOwnerRow_NamesTheCustomerNumber()
    {
        var desk = Desk with { CreatedBy = TelephonyEventApplier.Telephony.Id, CreatedByName = TelephonyEventApplier.Telephony.Name };

        var mail = composer.Compose(desk, MailOrigin.Of(desk, null), LinkPurpose.DeskWelcome, composer.LinkFor(LinkPurpose.DeskWelcome, "t"), ExpiresAt);

        Assert.Contains("Die Telefonanlage von Kundennummer 100001 hat für Sie", mail.Text, StringComparison.Ordinal);
        Assert.Contains("The phone system of customer number 100001 has set up", mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-03T15:45:00Z", "3. Dezember 2026, 16:45 Uhr", "3 December 2026, 4:45 pm (Berlin time)")]
    [InlineData("2026-07-01T10:05:00Z", "1. Juli 2026, 12:05 Uhr", "1 July 2026, 12:05 pm (Berlin time)")]
    [InlineData("2026-12-31T23:30:00Z", "1. Januar 2027, 00:30 Uhr", "1 January 2027, 12:30 am (Berlin time)")]
    public void Expiry_IsBerlinTime_InGermanAndEnglish(string at, string german, string english) =>
        Assert.Equal((german, english), MailTime.Describe(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), MailTime.Berlin));

    [Fact]
    public void Expiry_WithoutTimeZoneData_SaysUtc() =>
        Assert.Equal(("3. Dezember 2026, 15:45 Uhr (UTC)", "3 December 2026, 3:45 pm (UTC)"), MailTime.Describe(ExpiresAt, berlin: null));

    private OutgoingMail Compose(Account account, LinkPurpose purpose) =>
        composer.Compose(account, MailOrigin.Of(account, Owner), purpose, composer.LinkFor(purpose, "tok123"), ExpiresAt);

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex HrefRegex();
}
