using PortalAccess.Auth;
using PortalAccess.Catalogs;
using PortalAccess.Storage;
using PortalAccess.Users;

namespace PortalAccess.Tests;

public class GrantCheckTests
{
    private static Account Principal(PrincipalKind kind, params string[] grants) => new()
    {
        CustomerNumber = "100001", Id = Account.NewId(), Kind = kind, Name = "n", Login = "l", SecurityStamp = "s",
        CreatedBy = "x", Grants = grants.ToHashSet(),
    };

    private static readonly Caller Admin = new(Principal(PrincipalKind.User, Catalog.UserManagement, "invoices"));
    private static readonly Caller Owner = new(Principal(PrincipalKind.Owner));

    [Fact]
    public void Rule2_DelegatedAdmin_CannotGrantAreaTheyLack() =>
        Assert.NotNull(GrantCheck.CanGrant(Admin, ["invoices", "shop"]));

    [Fact]
    public void Rule2_DelegatedAdmin_CanGrantAreasTheyHold() =>
        Assert.Null(GrantCheck.CanGrant(Admin, ["invoices"]));

    [Fact]
    public void Rule2_Owner_CanGrantEveryArea() =>
        Assert.Null(GrantCheck.CanGrant(Owner, Catalog.AreaIds));

    [Fact]
    public void Rule2_DelegatedAdmin_CannotManageUserWithMoreRights()
    {
        var target = Principal(PrincipalKind.User, "invoices", "shop");
        Assert.NotNull(GrantCheck.CanManage(Admin, target));
        Assert.NotNull(GrantCheck.CanDelete(Admin, target));
        Assert.NotNull(GrantCheck.CanUpdate(Admin, target, new HashSet<string> { "invoices" }));
    }

    [Fact]
    public void Rule2_User_CannotChangeOwnAreas() =>
        Assert.NotNull(GrantCheck.CanUpdate(Admin, Admin.Account, new HashSet<string> { Catalog.UserManagement }));

    [Fact]
    public void Rule2_User_MayEditOwnNameKeepingAreas() =>
        Assert.Null(GrantCheck.CanUpdate(Admin, Admin.Account, Admin.Account.Grants.ToHashSet()));

    [Fact]
    public void Rule2_User_CannotDeleteThemselves() =>
        Assert.NotNull(GrantCheck.CanDelete(Admin, Admin.Account));

    [Fact]
    public void Desks_HoldNoPortalArea_EvenWhenAFeatureHasTheSameName()
    {
        var desk = new Caller(Principal(PrincipalKind.PbxDesk, "fax", "contacts"));
        Assert.False(desk.HoldsArea("fax"));
        Assert.False(desk.HoldsArea(Catalog.UserManagement));
    }
}
