using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PortalAccess.Events;
using PortalAccess.Http;

namespace PortalAccess.Functions;

/// <summary>CloudEvents from the telephony system; the function key guards both methods (<see cref="TelephonyEventEndpoints"/>).</summary>
public sealed class TelephonyEventFunctions(TelephonyEventEndpoints events)
{
    [Function("ReceiveTelephonyEvents")]
    public Task<IResult> ReceiveTelephonyEvents([HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.TelephonyEvents)] HttpRequest req, CancellationToken ct) =>
        events.ReceiveAsync(req, ct);

    [Function("TelephonyEventsHandshake")]
    public IResult TelephonyEventsHandshake([HttpTrigger(AuthorizationLevel.Function, "options", Route = ApiRoutes.TelephonyEvents)] HttpRequest req) =>
        events.Handshake(req);
}
