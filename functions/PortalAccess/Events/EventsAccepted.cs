namespace PortalAccess.Events;

public sealed record EventsAccepted(int Received, int Applied);
