using PortalAccess.Http;
using PortalAccess.Users;

namespace PortalAccess.Tests.Users;

public class UserValidationTests
{
    private static IDictionary<string, string[]> Errors(UserRequest r)
    {
        var errors = new ValidationErrors();
        UserValidation.Validate(r, errors);
        return errors.ToDictionary();
    }

    [Fact]
    public void Rule9_ValidRequest_HasNoErrors() =>
        Assert.Empty(Errors(new("Erika", "erika@example.com", ["invoices", "shop"])));

    [Fact]
    public void Rule9_MissingFields_AreNamed()
    {
        var errors = Errors(new(null, null, null));
        Assert.Contains("name", errors.Keys);
        Assert.Contains("email", errors.Keys);
        Assert.Contains("areas", errors.Keys);
    }

    [Fact]
    public void Rule9_UnknownAndDuplicateAreas_AreRejected()
    {
        var errors = Errors(new("Erika", "erika@example.com", ["invoices", "invoices", "root", null!]));
        Assert.Equal(3, errors["areas"].Length);
    }

    [Fact]
    public void Rule9_NameOver100Characters_IsRejected()
    {
        Assert.Contains("name", Errors(new(new string('n', 101), "erika@example.com", [])).Keys);
        Assert.Empty(Errors(new(new string('n', 100), "erika@example.com", [])));
    }

    [Fact]
    public void Rule9_InvalidEmail_IsRejected() =>
        Assert.Contains("email", Errors(new("Erika", "erika@", [])).Keys);

    /// <summary>
    /// Names end up in mail headers, audit entries and logs: a control character (a line break starts a forged header
    /// or log line) is refused wherever it stands, even as the only odd character of an otherwise plain name.
    /// </summary>
    [Theory]
    [InlineData("Erika\r\nBcc: all@example.com")]
    [InlineData("Erika\u0000")]
    [InlineData("\u001bErika")]
    [InlineData("Eri\u0085ka")]
    public void Rule9_NameWithAControlCharacter_IsRejected(string name) =>
        Assert.Equal(["name must have 1 to 100 characters and no control characters."], Errors(new(name, "erika@example.com", []))["name"]);

    [Fact]
    public void Rule9_EachFieldProblem_SaysWhatIsWrong()
    {
        Assert.Equal(["email must be a valid address of at most 254 characters."], Errors(new("Erika", "erika@", []))["email"]);
        Assert.Equal(["areas is required (an empty list grants nothing)."], Errors(new("Erika", "erika@example.com", null))["areas"]);
        Assert.Equal(["'root' is not in the catalog.", "'invoices' is listed more than once."],
            Errors(new("Erika", "erika@example.com", ["invoices", "root", "invoices"]))["areas"]);
    }
}
