using System.Globalization;

namespace PortalAccess.Mail;

/// <summary>
/// A link's expiry as the recipients read it: Berlin wall-clock time, German first ("3. Dezember 2026, 16:45 Uhr") and
/// English alongside ("3 December 2026, 4:45 pm (Berlin time)"). Month names are spelled here rather than taken from a
/// culture, so the mail reads the same whether or not the host has ICU data.
/// </summary>
public static class MailTime
{
    private static readonly string[] GermanMonths =
        ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>Europe/Berlin from the host's time zone data; null where it has none, and the mails then say UTC.</summary>
    public static TimeZoneInfo? Berlin { get; } = FindBerlin();

    /// <summary>The moment in Berlin time (UTC when <paramref name="berlin"/> is null), in German and in English.</summary>
    public static (string De, string En) Describe(DateTimeOffset at, TimeZoneInfo? berlin)
    {
        var local = berlin is null ? at.ToUniversalTime() : TimeZoneInfo.ConvertTime(at, berlin);
        var date = (Day: local.Day, Month: local.Month - 1, local.Year);
        var hour12 = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        var de = string.Create(CultureInfo.InvariantCulture,
            $"{date.Day}. {GermanMonths[date.Month]} {date.Year}, {local.Hour:00}:{local.Minute:00} Uhr{(berlin is null ? " (UTC)" : "")}");
        var en = string.Create(CultureInfo.InvariantCulture,
            $"{date.Day} {EnglishMonths[date.Month]} {date.Year}, {hour12}:{local.Minute:00} "
            + $"{(local.Hour < 12 ? "am" : "pm")} ({(berlin is null ? "UTC" : "Berlin time")})");
        return (de, en);
    }

    private static TimeZoneInfo? FindBerlin()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
