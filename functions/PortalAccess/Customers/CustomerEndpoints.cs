using Microsoft.AspNetCore.Http;
using PortalAccess.Audit;
using PortalAccess.Auth;
using PortalAccess.Http;
using PortalAccess.Storage;
using PortalAccess.Users;

namespace PortalAccess.Customers;

public sealed record CustomerRequest(string? Name, string? Email);

public sealed record CustomerDto(string CustomerNumber, string Name, string Email, string OwnerStatus);

/// <summary>Provisioning of customer accounts by the billing system (system key).</summary>
public sealed class CustomerEndpoints(CustomerProvisioning provisioning, CustomerErasure erasure, AuditLog audit)
{
    /// <summary>This feature's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("PutCustomer", "PUT", ApiRoutes.CustomerByNumber, RouteAccess.SystemKey, "Create or update a customer and its owner", Request: typeof(CustomerRequest), Response: typeof(CustomerDto), Status: 201)
            { Handler = (HttpRequest r, string customerNumber, CustomerEndpoints h, CancellationToken ct) => h.PutAsync(r, customerNumber, ct) },
        new("DeleteCustomer", "DELETE", ApiRoutes.CustomerByNumber, RouteAccess.SystemKey, "Erase a customer (GDPR)", Status: 204)
            { Handler = (HttpRequest r, string customerNumber, CustomerEndpoints h, CancellationToken ct) => h.DeleteAsync(r, customerNumber, ct) },
    ];

    /// <summary>Erases the customer with everything that belongs to it; repeating it is harmless.</summary>
    public async Task<IResult> DeleteAsync(HttpRequest request, string customerNumber, CancellationToken ct)
    {
        if (!LoginName.IsCustomerNumber(customerNumber))
        {
            return Problems.Validation("customerNumber", "A customer number has 3 to 32 letters, digits or dashes and does not start with 0.");
        }
        await erasure.EraseAsync(LoginName.NormalizeCustomerNumber(customerNumber), ct);
        return TypedResults.NoContent();
    }

    public async Task<IResult> PutAsync(HttpRequest request, string customerNumber, CancellationToken ct)
    {
        if (!LoginName.IsCustomerNumber(customerNumber))
        {
            return Problems.Validation("customerNumber", "A customer number has 3 to 32 letters, digits or dashes and does not start with 0.");
        }
        var body = await JsonBody.ReadCheckedAsync<CustomerRequest, (string Name, string Email)>(request, (b, errors) =>
        {
            UserValidation.ValidateName(errors, b.Name);
            UserValidation.ValidateEmail(errors, b.Email);
        }, b => (b.Name!.Trim(), LoginName.NormalizeEmail(b.Email!)), ct);
        if (!body.Ok)
        {
            return body.Problem;
        }
        var number = LoginName.NormalizeCustomerNumber(customerNumber);
        var upsert = await provisioning.UpsertOwnerAsync(number, body.Value.Name, body.Value.Email, ct);
        if (!upsert.Done)
        {
            // no If-Match here: a concurrent PUT of the same customer won, and this one may simply be sent again
            return Problems.For(Refusal.Conflict("customer-busy", "The customer was changed concurrently; retry."));
        }
        var (created, owner) = upsert.Value;
        await audit.WriteAsync(number, AuditParty.System, created ? "customer.provisioned" : "customer.updated", AuditParty.Of(owner),
            AuditLog.Diff(("name", null, owner.Name), ("email", null, owner.Email)), ClientIp.Of(request), ct);
        var dto = new CustomerDto(number, owner.Name, owner.Email!, owner.Status == AccountStatus.Active ? "active" : "invited");
        return created ? TypedResults.Created(ApiRoutes.PathOf(ApiRoutes.CustomerByNumber, number), dto) : TypedResults.Ok(dto);
    }
}
