using PortalAccess.Customers;
using PortalAccess.Events;
using PortalAccess.Principals;

namespace PortalAccess.Mail;

/// <summary>
/// Whom a mail names as the source of the access, so the recipient can place it: the customer (the owner's name and
/// the customer number) and who there set the access up: a person, the customer itself, or its phone system.
/// </summary>
/// <param name="CustomerName">The owner's name; null when the owner row is gone.</param>
/// <param name="InvitedBy">The person who created the access, when that was not the owner or the phone system.</param>
public sealed record MailOrigin(string CustomerNumber, string? CustomerName, string? InvitedBy, bool ByPhoneSystem)
{
    /// <param name="owner">The customer's owner account (for an owner's own mail, the account itself).</param>
    public static MailOrigin Of(Account account, Account? owner)
    {
        var byPhoneSystem = account.CreatedBy == TelephonyEventApplier.Telephony.Id;
        var byOwner = account.Kind == PrincipalKind.Owner || account.CreatedBy == CustomerProvisioning.OwnerId(account.CustomerNumber);
        return new(account.CustomerNumber, owner?.Name, byOwner || byPhoneSystem ? null : account.CreatedByName, byPhoneSystem);
    }
}
