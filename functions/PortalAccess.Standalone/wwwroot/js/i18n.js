// German is the portal's language (the texts follow the product's own help pages); English can be switched on.
// The choice of language (and nothing else) is remembered in localStorage: it is no secret.
const texts = {
  de: {
    appName: 'Kundenportal',
    skip: 'Zum Inhalt springen',
    mainMenu: 'Hauptmenü',
    signedInAs: 'Eingeloggt als:',
    signOut: 'Abmelden',
    language: 'Sprache',
    navHome: 'Übersicht',
    navUsers: 'Benutzerverwaltung',
    navDesks: 'OfficeDesks',
    navAudit: 'Protokoll',
    navPassword: 'Passwort ändern',
    signInTitle: 'Anmelden',
    signInIntro: 'Melden Sie sich mit Ihrer Kundennummer, Ihrer E-Mail-Adresse oder Ihrer Rufnummer und dem zugehörigen Passwort im Kundenportal an.',
    login: 'Kundennummer, E-Mail oder Rufnummer',
    password: 'Passwort',
    signIn: 'Anmelden',
    forgot: 'Passwort vergessen?',
    homeTitle: 'Meine Bereiche',
    homeIntro: 'Sie haben Zugriff auf diese Bereiche des Kundenportals:',
    homeFeatures: 'Ihr OfficeDesk hat diese Funktionen:',
    homeNone: 'Für dieses Konto ist noch kein Bereich freigegeben.',
    usersTitle: 'Benutzer:innen verwalten',
    addUser: '+ Benutzer:in hinzufügen',
    usersEmpty: 'Es sind noch keine Benutzer:innen angelegt.',
    name: 'Name',
    email: 'E-Mail',
    status: 'Status',
    actions: 'Aktionen',
    edit: 'Bearbeiten',
    more: 'Weitere laden',
    statusInvited: 'eingeladen',
    statusActive: 'aktiv',
    statusLocked: 'gesperrt',
    editUser: 'Benutzer:in bearbeiten',
    newUser: 'Benutzer:in hinzufügen',
    permission: 'Berechtigung',
    accessTo: 'Zugriff auf',
    notYours: '(nicht in Ihren eigenen Rechten)',
    removeUser: 'Benutzer:in entfernen',
    back: 'Zurück',
    save: 'Speichern',
    saved: 'Gespeichert.',
    created: 'Angelegt. Eine Einladung wurde an die E-Mail-Adresse verschickt.',
    resend: 'Einladung erneut senden',
    resent: 'Eine neue Einladung wurde verschickt; der alte Link ist ungültig.',
    confirmRemove: 'Möchten Sie {name} wirklich entfernen? Der Zugang endet sofort.',
    confirmDelete: 'Löschen',
    cancel: 'Abbrechen',
    removed: 'Entfernt.',
    reloaded: 'Jemand hat diesen Eintrag inzwischen geändert. Die aktuelle Fassung wurde neu geladen; bitte prüfen Sie sie und speichern Sie erneut.',
    desksTitle: 'OfficeDesks',
    desksIntro: 'OfficeDesks sind Zugänge zum Kundenportal mit eingeschränkten Rechten und Funktionen.',
    addDesk: '+ OfficeDesk hinzufügen',
    desksEmpty: 'Es sind noch keine OfficeDesks angelegt.',
    deskKind: 'Art',
    kindPbx: 'Cloud Telefonanlage',
    kindWebrtc: 'VoIP App / WebRTC',
    kindSip: 'SIP-Account',
    extension: 'Durchwahl',
    number: 'Rufnummer',
    features: 'Funktionen',
    editDesk: 'OfficeDesk bearbeiten',
    newDesk: 'OfficeDesk hinzufügen',
    removeDesk: 'OfficeDesk entfernen',
    readOnlyDesk: 'Dieser OfficeDesk wird von der Telefonanlage verwaltet und kann hier nur angesehen werden.',
    show: 'Ansehen',
    auditTitle: 'Protokoll',
    auditEmpty: 'Noch keine Einträge.',
    at: 'Zeitpunkt',
    actor: 'Wer',
    action: 'Aktion',
    target: 'Betroffen',
    ip: 'IP-Adresse',
    changes: 'Änderungen',
    noneChosen: 'keine',
    passwordTitle: 'Passwort ändern',
    currentPassword: 'Aktuelles Passwort',
    newPassword: 'Neues Passwort',
    repeatPassword: 'Neues Passwort wiederholen',
    passwordHint: '12 bis 128 Zeichen; nicht Ihr Login.',
    passwordChanged: 'Ihr Passwort wurde geändert. Andere Sitzungen wurden beendet.',
    setPasswordTitle: 'Passwort setzen',
    setPasswordIntro: 'Hallo {name}, bitte legen Sie ein Passwort für Ihren Zugang {login} fest.',
    passwordSet: 'Ihr Passwort ist gesetzt. Sie können sich jetzt mit {login} anmelden.',
    resetPasswordIntro: 'Bitte legen Sie ein neues Passwort für Ihren Zugang fest.',
    passwordReset: 'Ihr Passwort ist gesetzt. Sie können sich jetzt anmelden.',
    checkingLink: 'Der Link wird geprüft …',
    linkExpiredTitle: 'Link abgelaufen',
    linkExpiredText: 'Dieser Link ist abgelaufen, wurde schon benutzt oder durch einen neueren ersetzt.',
    requestNew: 'Neuen Link anfordern',
    noToken: 'Dieser Link ist unvollständig. Bitte öffnen Sie den Link aus der E-Mail erneut.',
    resetTitle: 'Neuen Link anfordern',
    resetIntro: 'Geben Sie Ihre Kundennummer, E-Mail-Adresse oder Rufnummer an. Ist Ihr Zugang aktiv, erhalten Sie eine E-Mail mit einem Link zum Setzen eines neuen Passworts.',
    resetInvited: 'Wurde Ihr Zugang noch nie aktiviert, bitten Sie die Person, die ihn angelegt hat, die Einladung erneut zu senden.',
    resetSend: 'Link anfordern',
    resetSent: 'Falls es diesen Zugang gibt und er aktiv ist, ist eine E-Mail unterwegs.',
    toSignIn: 'Zur Anmeldung',
    loading: 'Wird geladen …',
    retry: 'Erneut versuchen',
    required: 'Bitte ausfüllen.',
    notAllowedPage: 'Für diesen Bereich hat Ihr Konto keine Berechtigung.',
    notFoundPage: 'Diese Seite gibt es nicht.',
    sessionEnded: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
  },
  en: {
    appName: 'Customer portal',
    skip: 'Skip to content',
    mainMenu: 'Main menu',
    signedInAs: 'Signed in as:',
    signOut: 'Sign out',
    language: 'Language',
    navHome: 'Overview',
    navUsers: 'User management',
    navDesks: 'OfficeDesks',
    navAudit: 'Audit trail',
    navPassword: 'Change password',
    signInTitle: 'Sign in',
    signInIntro: 'Sign in to the customer portal with your customer number, e-mail address or phone number and its password.',
    login: 'Customer number, e-mail or phone number',
    password: 'Password',
    signIn: 'Sign in',
    forgot: 'Forgot your password?',
    homeTitle: 'My areas',
    homeIntro: 'You have access to these areas of the customer portal:',
    homeFeatures: 'Your OfficeDesk has these features:',
    homeNone: 'No area has been granted to this account yet.',
    usersTitle: 'Manage users',
    addUser: '+ Add user',
    usersEmpty: 'No users have been created yet.',
    name: 'Name',
    email: 'E-mail',
    status: 'Status',
    actions: 'Actions',
    edit: 'Edit',
    more: 'Load more',
    statusInvited: 'invited',
    statusActive: 'active',
    statusLocked: 'locked',
    editUser: 'Edit user',
    newUser: 'Add user',
    permission: 'Permission',
    accessTo: 'Access to',
    notYours: '(not among your own rights)',
    removeUser: 'Remove user',
    back: 'Back',
    save: 'Save',
    saved: 'Saved.',
    created: 'Created. An invitation has been sent to the e-mail address.',
    resend: 'Resend invitation',
    resent: 'A new invitation has been sent; the old link no longer works.',
    confirmRemove: 'Do you really want to remove {name}? Their access ends at once.',
    confirmDelete: 'Delete',
    cancel: 'Cancel',
    removed: 'Removed.',
    reloaded: 'Someone changed this entry in the meantime. The current version has been loaded; please check it and save again.',
    desksTitle: 'OfficeDesks',
    desksIntro: 'OfficeDesks are logins to the customer portal with restricted rights and features.',
    addDesk: '+ Add OfficeDesk',
    desksEmpty: 'No OfficeDesks have been created yet.',
    deskKind: 'Kind',
    kindPbx: 'Cloud PBX',
    kindWebrtc: 'VoIP app / WebRTC',
    kindSip: 'SIP account',
    extension: 'Extension',
    number: 'Phone number',
    features: 'Features',
    editDesk: 'Edit OfficeDesk',
    newDesk: 'Add OfficeDesk',
    removeDesk: 'Remove OfficeDesk',
    readOnlyDesk: 'This OfficeDesk is managed by the telephone system and can only be viewed here.',
    show: 'View',
    auditTitle: 'Audit trail',
    auditEmpty: 'No entries yet.',
    at: 'When',
    actor: 'Who',
    action: 'Action',
    target: 'Affected',
    ip: 'IP address',
    changes: 'Changes',
    noneChosen: 'none',
    passwordTitle: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    repeatPassword: 'Repeat new password',
    passwordHint: '12 to 128 characters; not your login.',
    passwordChanged: 'Your password has been changed. Other sessions have been ended.',
    setPasswordTitle: 'Set password',
    setPasswordIntro: 'Hello {name}, please choose a password for your login {login}.',
    passwordSet: 'Your password is set. You can now sign in with {login}.',
    resetPasswordIntro: 'Please choose a new password for your login.',
    passwordReset: 'Your password is set. You can now sign in.',
    checkingLink: 'Checking the link …',
    linkExpiredTitle: 'Link expired',
    linkExpiredText: 'This link has expired, was used already or has been replaced by a newer one.',
    requestNew: 'Request a new link',
    noToken: 'This link is incomplete. Please open the link from the e-mail again.',
    resetTitle: 'Request a new link',
    resetIntro: 'Enter your customer number, e-mail address or phone number. If your login is active, you will receive an e-mail with a link to set a new password.',
    resetInvited: 'If your login was never activated, ask the person who created it to resend the invitation.',
    resetSend: 'Request link',
    resetSent: 'If this login exists and is active, an e-mail is on its way.',
    toSignIn: 'To sign-in',
    loading: 'Loading …',
    retry: 'Try again',
    required: 'Please fill in.',
    notAllowedPage: 'Your account has no permission for this area.',
    notFoundPage: 'This page does not exist.',
    sessionEnded: 'Your session has ended. Please sign in again.',
  },
};

// one clear sentence for every problem type the API answers with (API.md: problem+json with a stable type)
const problems = {
  de: {
    'invalid-credentials': 'Anmeldung fehlgeschlagen: Login oder Passwort stimmt nicht, der Zugang ist noch nicht aktiviert oder vorübergehend gesperrt.',
    validation: 'Bitte prüfen Sie die markierten Angaben.',
    escalation: 'Das geht über Ihre eigenen Rechte hinaus: Sie können nur Bereiche vergeben, die Sie selbst haben, und Ihre eigenen Rechte nicht ändern.',
    forbidden: 'Dafür hat Ihr Konto keine Berechtigung.',
    'not-found': 'Diesen Eintrag gibt es nicht (mehr).',
    'login-taken': 'Diese E-Mail-Adresse wird schon von einem anderen Zugang benutzt.',
    stale: 'Jemand hat diesen Eintrag inzwischen geändert.',
    'link-unusable': 'Dieser Link ist abgelaufen, wurde schon benutzt oder durch einen neueren ersetzt.',
    'too-large': 'Die Anfrage ist zu groß.',
    unauthorized: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    unavailable: 'Der Dienst ist gerade nicht erreichbar.',
    'storage-unavailable': 'Der Dienst kann gerade nicht auf seine Daten zugreifen.',
    busy: 'Der Dienst ist gerade stark ausgelastet.',
    'method-not-allowed': 'Diese Aktion ist hier nicht möglich.',
    'not-invited': 'Dieser Zugang ist bereits aktiviert; eine Einladung ist nicht mehr nötig.',
    'managed-by-telephony': 'Dieser OfficeDesk wird von der Telefonanlage verwaltet und kann hier nicht geändert werden.',
    'customer-busy': 'Das Kundenkonto wird gerade geändert. Bitte versuchen Sie es gleich noch einmal.',
    network: 'Keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung.',
    throttled: 'Zu viele Anfragen.',
    'too-many-requests': 'Zu viele Versuche von dieser Verbindung oder für diesen Login.',
    unknown: 'Etwas ist schiefgegangen. Bitte versuchen Sie es später erneut.',
    retryIn: 'Bitte versuchen Sie es in {seconds} Sekunden erneut.',
    retryLater: 'Bitte versuchen Sie es gleich noch einmal.',
  },
  en: {
    'invalid-credentials': 'Sign-in failed: the login or password is wrong, the login is not activated yet, or it is locked for a while.',
    validation: 'Please check the marked fields.',
    escalation: 'That goes beyond your own rights: you can only grant areas you have yourself, and you cannot change your own rights.',
    forbidden: 'Your account is not allowed to do that.',
    'not-found': 'This entry does not exist (any more).',
    'login-taken': 'This e-mail address is already used by another login.',
    stale: 'Someone changed this entry in the meantime.',
    'link-unusable': 'This link has expired, was used already or has been replaced by a newer one.',
    'too-large': 'The request is too large.',
    unauthorized: 'Your session has ended. Please sign in again.',
    unavailable: 'The service cannot be reached right now.',
    'storage-unavailable': 'The service cannot reach its data right now.',
    busy: 'The service is very busy right now.',
    'method-not-allowed': 'This action is not possible here.',
    'not-invited': 'This login is already activated; no invitation is needed any more.',
    'managed-by-telephony': 'This OfficeDesk is managed by the telephone system and cannot be changed here.',
    'customer-busy': 'The customer account is being changed right now. Please try again in a moment.',
    network: 'No connection to the server. Please check your internet connection.',
    throttled: 'Too many requests.',
    'too-many-requests': 'Too many attempts from this connection or for this login.',
    unknown: 'Something went wrong. Please try again later.',
    retryIn: 'Please try again in {seconds} seconds.',
    retryLater: 'Please try again in a moment.',
  },
};

// the audit trail's actions (AuditLog) in words; an action the portal does not know yet is shown as its code
const actions = {
  de: {
    'customer.provisioned': 'Kundenkonto angelegt', 'customer.updated': 'Kundenkonto geändert',
    'principal.activated': 'Zugang aktiviert', 'user.created': 'Benutzer:in angelegt', 'user.updated': 'Benutzer:in geändert',
    'user.deleted': 'Benutzer:in entfernt', 'user.activation-resent': 'Einladung erneut gesendet',
    'desk.created': 'OfficeDesk angelegt', 'desk.updated': 'OfficeDesk geändert', 'desk.deleted': 'OfficeDesk entfernt',
    'desk.activation-resent': 'OfficeDesk-Einladung erneut gesendet', 'password.changed': 'Passwort geändert',
    'password.reset': 'Passwort zurückgesetzt', 'password.reset-requested': 'Neues Passwort angefordert',
    'login.locked': 'Login vorübergehend gesperrt', 'session.revoked': 'Sitzung beendet',
  },
  en: {
    'customer.provisioned': 'Customer account created', 'customer.updated': 'Customer account changed',
    'principal.activated': 'Login activated', 'user.created': 'User added', 'user.updated': 'User changed',
    'user.deleted': 'User removed', 'user.activation-resent': 'Invitation resent',
    'desk.created': 'OfficeDesk added', 'desk.updated': 'OfficeDesk changed', 'desk.deleted': 'OfficeDesk removed',
    'desk.activation-resent': 'OfficeDesk invitation resent', 'password.changed': 'Password changed',
    'password.reset': 'Password reset', 'password.reset-requested': 'New password requested',
    'login.locked': 'Login locked for a while', 'session.revoked': 'Session ended',
  },
};

/** An audit action in words. */
export const actionText = action => actions[current][action] ?? action;

// what a 400 names per field, in the user's language: every field the API's validators can name (the API's own
// messages are English and never shown). A form may have its own sentence for a field (`form.field`), e.g. the
// sign-in, where a password is only asked for, not judged.
const passwordRule = {
  de: 'Das Passwort muss 12 bis 128 Zeichen lang sein, darf keine Steuerzeichen und nicht Ihren Login enthalten.',
  en: 'The password must have 12 to 128 characters, no control characters, and must not contain your login.',
};
const fieldProblems = {
  de: {
    name: 'Bitte geben Sie einen Namen mit 1 bis 100 Zeichen (ohne Steuerzeichen) an.',
    email: 'Bitte geben Sie eine gültige E-Mail-Adresse an (höchstens 254 Zeichen).',
    extension: 'Die Durchwahl besteht nur aus Ziffern (1 bis 10).',
    areas: 'Bitte wählen Sie nur Bereiche aus der Liste, jeden höchstens einmal.',
    features: 'Bitte wählen Sie nur Funktionen aus der Liste, jede höchstens einmal.',
    password: passwordRule.de,
    newPassword: passwordRule.de,
    repeat: 'Die beiden Passwörter stimmen nicht überein.',
    currentPassword: 'Das aktuelle Passwort stimmt nicht.',
    login: 'Bitte geben Sie Ihre Kundennummer, E-Mail-Adresse oder Rufnummer an (höchstens 254 Zeichen).',
    'signIn.password': 'Bitte geben Sie Ihr Passwort an (höchstens 128 Zeichen).',
    token: 'Dieser Link ist unvollständig. Bitte öffnen Sie den Link aus der E-Mail erneut.',
    refreshToken: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    body: 'Die Anfrage war unvollständig. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
    pageSize: 'Die Liste konnte nicht in dieser Größe geladen werden.',
    continuation: 'Die Liste hat sich geändert. Bitte laden Sie sie neu.',
    customerNumber: 'Die Kundennummer ist ungültig.',
    number: 'Bitte geben Sie die Rufnummer im internationalen Format an (+49… oder 0049…).',
    other: 'Bitte prüfen Sie die Angabe „{field}“.',
  },
  en: {
    name: 'Please enter a name of 1 to 100 characters (no control characters).',
    email: 'Please enter a valid e-mail address (at most 254 characters).',
    extension: 'The extension consists of digits only (1 to 10).',
    areas: 'Please choose areas from the list only, each at most once.',
    features: 'Please choose features from the list only, each at most once.',
    password: passwordRule.en,
    newPassword: passwordRule.en,
    repeat: 'The two passwords do not match.',
    currentPassword: 'The current password is not correct.',
    login: 'Please enter your customer number, e-mail address or phone number (at most 254 characters).',
    'signIn.password': 'Please enter your password (at most 128 characters).',
    token: 'This link is incomplete. Please open the link from the e-mail again.',
    refreshToken: 'Your session has ended. Please sign in again.',
    body: 'The request was incomplete. Please reload the page and try again.',
    pageSize: 'The list could not be loaded in this size.',
    continuation: 'The list has changed. Please load it again.',
    customerNumber: 'The customer number is not valid.',
    number: 'Please enter the phone number in international format (+49… or 0049…).',
    other: 'Please check the entry “{field}”.',
  },
};

/**
 * The sentence shown for a field the API named in a 400, in the current language; `form` names the form for its own
 * sentences. A field the portal does not know gets a general sentence naming `fieldLabel` (its label on the page,
 * else the API's name for it), never the API's English text.
 */
export function fieldProblem(name, fieldLabel = name, form = '') {
  const table = fieldProblems[current];
  return table[`${form}.${name}`] ?? table[name] ?? table.other.replace('{field}', fieldLabel);
}

// the audit trail's fields (AuditLog.Diff) in words; a field the portal does not know yet is shown as its code
const auditFields = {
  de: {
    name: 'Name', email: 'E-Mail', areas: 'Bereiche', features: 'Funktionen', extension: 'Durchwahl', number: 'Rufnummer',
    status: 'Status', reason: 'Grund', lockedUntil: 'Gesperrt bis', failedLogins: 'Fehlversuche',
  },
  en: {
    name: 'Name', email: 'E-mail', areas: 'Areas', features: 'Features', extension: 'Extension', number: 'Phone number',
    status: 'Status', reason: 'Reason', lockedUntil: 'Locked until', failedLogins: 'Failed sign-ins',
  },
};

/** An audit field's name in words. */
export const auditFieldText = name => auditFields[current][name] ?? name;

// reasons the API writes into the trail (RefreshSessions) in words; an unknown one is shown as it is
const auditReasons = {
  de: { 'spent refresh token presented again': 'Ein bereits benutzter Anmelde-Schlüssel wurde erneut vorgelegt.' },
  en: { 'spent refresh token presented again': 'A sign-in token that had been used already was presented again.' },
};

/** An audit reason in words. */
export const auditReasonText = reason => auditReasons[current][reason] ?? reason;

const stored = localStorage.getItem('portal.lang');
let current = stored === 'en' ? 'en' : 'de';
document.documentElement.lang = current;

export const lang = () => current;

export function setLang(value) {
  current = value === 'en' ? 'en' : 'de';
  localStorage.setItem('portal.lang', current);
  document.documentElement.lang = current;
}

/** The text of `key` in the current language, `{name}` placeholders filled from `values`. */
export function t(key, values = {}) {
  const text = texts[current][key] ?? texts.de[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

/** One sentence for a failed call (see api.js ApiError); never the raw body. */
export function problemText(error) {
  const table = problems[current];
  const main = table[error.code] ?? (error.status === 429 ? table.throttled : table.unknown);
  if (!error.retryable) return main;
  const hint = error.retryAfter ? table.retryIn.replace('{seconds}', String(error.retryAfter)) : table.retryLater;
  return `${main} ${hint}`;
}

/** A login's status (invited, active, locked) in words. */
export const statusText = status => t({ invited: 'statusInvited', active: 'statusActive', locked: 'statusLocked' }[status] ?? 'statusActive');

/** A catalog entry's label ({ de, en }) in the current language. */
export const label = entry => entry.label[current] ?? entry.label.de;
