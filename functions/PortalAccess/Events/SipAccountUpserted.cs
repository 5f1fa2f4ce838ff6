namespace PortalAccess.Events;

public sealed record SipAccountUpserted(string Id, string Source, string Type, string CustomerNumber,
    string SipAccountId, string Number, string Password) : TelephonyEvent(Id, Source, Type, CustomerNumber)
{
    // never let the SIP password reach a log through a record's ToString
    public override string ToString() =>
        $"SipAccountUpserted {{ Id = {Id}, CustomerNumber = {CustomerNumber}, SipAccountId = {SipAccountId} }}";
}
