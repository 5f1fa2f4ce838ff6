using Microsoft.AspNetCore.Http;
using PortalAccess.Auth;
using PortalAccess.Auth.Callers;
using PortalAccess.Catalogs;
using PortalAccess.Http;
using PortalAccess.Principals;
using PortalAccess.Users;

namespace PortalAccess.Tests.Users;

public class GrantCheckTests
{
    private static Account Principal(PrincipalKind kind, params string[] grants) => new()
    {
        CustomerNumber = "100001", Id = Account.NewId(), Kind = kind, Name = "n", Login = "l", SecurityStamp = "s",
        CreatedBy = "x", Grants = grants.ToHashSet(),
    };

    private static readonly Caller Admin = new(Principal(PrincipalKind.User, Catalog.UserManagement, "invoices"));
    private static readonly Caller Owner = new(Principal(PrincipalKind.Owner));

    private const string LacksShop = "You can grant only what you hold yourself; you lack: shop.";
    private const string MoreRights = "You can manage only principals whose rights are a subset of your own.";

    /// <summary>The refusal is the 403 <c>escalation</c> problem of API.md, for the reason given.</summary>
    private static async Task AssertEscalation(Refusal? refusal, string detail)
    {
        Assert.NotNull(refusal);
        Assert.Equal(RefusalKind.Escalation, refusal.Kind);
        var (status, _, problem) = await ResultRunner.RunAsync(Problems.For(refusal));
        Assert.Equal(403, status);
        Assert.Equal(Problems.TypeBase + "escalation", problem.GetProperty("type").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public Task Rule2_DelegatedAdmin_CannotGrantAreaTheyLack() =>
        AssertEscalation(GrantCheck.CanGrant(Admin, ["invoices", "shop"]), LacksShop);

    [Fact]
    public void Rule2_DelegatedAdmin_CanGrantAreasTheyHold() =>
        Assert.Null(GrantCheck.CanGrant(Admin, ["invoices"]));

    [Fact]
    public void Rule2_Owner_CanGrantEveryArea() =>
        Assert.Null(GrantCheck.CanGrant(Owner, Catalog.AreaIds));

    [Fact]
    public async Task Rule2_DelegatedAdmin_CannotManageUserWithMoreRights()
    {
        var target = Principal(PrincipalKind.User, "invoices", "shop");
        await AssertEscalation(GrantCheck.CanManage(Admin, target), MoreRights);
        await AssertEscalation(GrantCheck.CanDelete(Admin, target), MoreRights);
        await AssertEscalation(GrantCheck.CanUpdate(Admin, target, new HashSet<string> { "invoices" }), MoreRights);
    }

    [Fact]
    public async Task Rule2_DelegatedAdmin_CannotAddAreaTheyLack_ToAUserTheyManage()
    {
        var target = Principal(PrincipalKind.User, "invoices");
        Assert.Null(GrantCheck.CanManage(Admin, target));
        await AssertEscalation(GrantCheck.CanUpdate(Admin, target, new HashSet<string> { "invoices", "shop" }), LacksShop);
    }

    [Fact]
    public Task Rule2_User_CannotChangeOwnAreas() =>
        AssertEscalation(GrantCheck.CanUpdate(Admin, Admin.Account, new HashSet<string> { Catalog.UserManagement }), "You cannot change your own rights.");

    [Fact]
    public void Rule2_User_MayEditOwnNameKeepingAreas() =>
        Assert.Null(GrantCheck.CanUpdate(Admin, Admin.Account, Admin.Account.Grants.ToHashSet()));

    [Fact]
    public Task Rule2_User_CannotDeleteThemselves() =>
        AssertEscalation(GrantCheck.CanDelete(Admin, Admin.Account), "You cannot delete yourself.");

    [Fact]
    public void Desks_HoldNoPortalArea_EvenWhenAFeatureHasTheSameName()
    {
        var desk = new Caller(Principal(PrincipalKind.PbxDesk, "fax", "contacts"));
        Assert.False(desk.HoldsArea("fax"));
        Assert.False(desk.HoldsArea(Catalog.UserManagement));
    }

    [Fact]
    public Task Rule2_TheRefusal_ListsEveryLackingArea_InOrder() =>
        AssertEscalation(GrantCheck.CanGrant(Admin, ["tariff-change", "invoices", "shop"]),
            "You can grant only what you hold yourself; you lack: shop, tariff-change.");

    /// <summary>A target the caller may not manage is refused as such, whatever the new areas are.</summary>
    [Fact]
    public Task Rule2_AnUnmanageableTarget_IsRefusedForItsRights_BeforeTheNewAreasAreLookedAt() =>
        AssertEscalation(GrantCheck.CanUpdate(Admin, Principal(PrincipalKind.User, "shop"), new HashSet<string> { "shop" }), MoreRights);
}
