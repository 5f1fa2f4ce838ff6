namespace PortalAccess.Principals;

/// <summary>What a pending link is for; the mail that carries it says the same.</summary>
public enum LinkPurpose { Activation, DeskWelcome, PasswordReset }
