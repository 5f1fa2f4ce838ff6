using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PortalAccess.Customers;
using PortalAccess.Http;

namespace PortalAccess.Functions;

/// <summary>Customer provisioning by the telephony system; the function key guards it (<see cref="CustomerEndpoints"/>).</summary>
public sealed class CustomerFunctions(CustomerEndpoints customers)
{
    [Function("PutCustomer")]
    public Task<IResult> PutCustomer([HttpTrigger(AuthorizationLevel.Function, "put", Route = ApiRoutes.CustomerByNumber)] HttpRequest req, string customerNumber, CancellationToken ct) =>
        customers.PutAsync(req, customerNumber, ct);

    [Function("DeleteCustomer")]
    public Task<IResult> DeleteCustomer([HttpTrigger(AuthorizationLevel.Function, "delete", Route = ApiRoutes.CustomerByNumber)] HttpRequest req, string customerNumber, CancellationToken ct) =>
        customers.DeleteAsync(req, customerNumber, ct);
}
