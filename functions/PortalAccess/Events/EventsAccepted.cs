using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PortalAccess.Events;

public sealed record EventsAccepted(int Received, int Applied);
