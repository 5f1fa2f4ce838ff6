using Microsoft.AspNetCore.Http;
using PortalAccess.Auth.SignIn;
using PortalAccess.Http;
using PortalAccess.Users;

namespace PortalAccess.Customers;

/// <summary>Provisioning of customer accounts by the billing system (system key).</summary>
public sealed class CustomerEndpoints(CustomerProvisioning provisioning, CustomerErasure erasure)
{
    /// <summary>This feature's rows of the route table (<see cref="PortalApi.Routes"/>), each with its handler.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("PutCustomer", "PUT", ApiRoutes.CustomerByNumber, RouteAccess.SystemKey, "Create or update a customer and its owner",
            Request: typeof(CustomerRequest), Response: typeof(CustomerDto), Status: 201)
        {
            Refusals = [409],
            Example = new CustomerRequest("Demo GmbH", "inhaber@demo.example"),
            Handler = (HttpRequest r, string customerNumber, CustomerEndpoints h, CancellationToken ct) =>
                h.PutAsync(r, customerNumber, ct),
        },
        new("DeleteCustomer", "DELETE", ApiRoutes.CustomerByNumber, RouteAccess.SystemKey, "Erase a customer (GDPR)", Status: 204)
        {
            Refusals = [400],
            Handler = (HttpRequest r, string customerNumber, CustomerEndpoints h, CancellationToken ct) =>
                h.DeleteAsync(r, customerNumber, ct),
        },
    ];

    /// <summary>Erases the customer with everything that belongs to it; repeating it is harmless.</summary>
    public async Task<IResult> DeleteAsync(HttpRequest request, string customerNumber, CancellationToken ct)
    {
        var number = Number(customerNumber);
        if (!number.Ok)
        {
            return number.Problem;
        }
        await erasure.EraseAsync(number.Value, ct);
        return TypedResults.NoContent();
    }

    public async Task<IResult> PutAsync(HttpRequest request, string customerNumber, CancellationToken ct)
    {
        var put = await ReadAsync(request, customerNumber, ct);
        if (!put.Ok)
        {
            return put.Problem;
        }
        var (number, name, email) = put.Value;
        var upsert = await provisioning.ProvisionAsync(number, name, email, ClientIp.Of(request), ct);
        if (!upsert.Done)
        {
            return Problems.For(upsert.Refusal);
        }
        var (created, owner) = upsert.Value;
        return created
            ? TypedResults.Created(ApiRoutes.PathOf(ApiRoutes.CustomerByNumber, number), CustomerDto.From(owner))
            : TypedResults.Ok(CustomerDto.From(owner));
    }

    /// <summary>The customer number of the route, normalized, or the 400 that refuses it.</summary>
    private static Checked<string> Number(string customerNumber) => LoginName.IsCustomerNumber(customerNumber)
        ? LoginName.NormalizeCustomerNumber(customerNumber)
        : new Refused(Problems.Validation("customerNumber", LoginName.CustomerNumberRule));

    /// <summary>The customer number of the route and the validated body, or the 400 that refuses either.</summary>
    private static async Task<Checked<(string Number, string Name, string Email)>> ReadAsync(
        HttpRequest request, string customerNumber, CancellationToken ct)
    {
        var number = Number(customerNumber);
        if (!number.Ok)
        {
            return new Refused(number.Problem);
        }
        return await JsonBody.ReadCheckedAsync<CustomerRequest, (string, string, string)>(request, (b, errors) =>
        {
            UserValidation.ValidateName(errors, b.Name);
            UserValidation.ValidateEmail(errors, b.Email);
        }, b => (number.Value, b.Name!.Trim(), LoginName.NormalizeEmail(b.Email!)), ct);
    }
}
