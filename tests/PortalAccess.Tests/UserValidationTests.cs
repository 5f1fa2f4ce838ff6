using PortalAccess.Users;

namespace PortalAccess.Tests;

public class UserValidationTests
{
    private static IDictionary<string, string[]> Errors(UserRequest r)
    {
        var errors = new Http.ValidationErrors();
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
}
