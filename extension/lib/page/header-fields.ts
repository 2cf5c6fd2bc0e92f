/**
 * What a user list's column holds, judged from its header text. Apps phrase the same column in many
 * ways ("Login ID", "Logon name", "Sign-in email", "Benutzername"); each field lists the phrasings
 * seen in practice-management, payments, CRM and booking systems, in English and a few other
 * languages common among small firms' vendors.
 */
export type ColumnField =
  | 'username'
  | 'email'
  | 'displayName'
  | 'firstName'
  | 'lastName'
  | 'role'
  | 'permissions'
  | 'status'
  | 'lastSignIn'
  /** "User" or "Member": the login where no other column is, otherwise the person's name. */
  | 'user';

/** Lower case, no accents, punctuation folded to single spaces: "E-Mail Address ▲" → "e mail address". */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Whole-header patterns over the normalised text, tried in order: the more specific first, so that
// "last login" is a date and not the login, and "account status" a status and not the account.
const FIELD_PATTERNS: [ColumnField, RegExp][] = [
  [
    'lastSignIn',
    /^(last|latest|most recent) ?(log ?in|log ?on|sign ?in|signed in|access(ed)?|activity|active|seen|visit|used)( date| time| at| on)?$|^(derniere (connexion|activite)|letzte (anmeldung|aktivitat)|ultimo (acceso|inicio de sesion|accesso)|laatste (login|aanmelding|activiteit))$/,
  ],
  [
    'status',
    /^((account|user|login) )?(status|state|enabled|active)$|^(statut|etat|estado|stato|kontostatus)$/,
  ],
  ['firstName', /^(first|given|fore) ?names?$|^(prenom|vorname|voornaam|nome proprio|nombre de pila)$/],
  [
    'lastName',
    /^(last|family|sur) ?names?$|^(nom de famille|nachname|familienname|achternaam|apellidos?|cognome)$/,
  ],
  [
    'username',
    /^(user ?(name|id|login|code)|log ?(in|on)( name| id)?|sign ?in( name| id)?|account( name| id)?|login username|handle|operator( id| code)?|staff (login|id|code)|nom d utilisateur|identifiant( de connexion)?|benutzer ?(name|kennung)|anmelde ?name|kennung|nombre de usuario|usuario|gebruikersnaam|nome utente|utente)$/,
  ],
  [
    'username',
    // An email column that says it is the sign-in is the login itself.
    /^((log ?in|log ?on|sign ?in|user) ?e ?mail( address)?|e ?mail (log ?in|sign ?in))$/,
  ],
  [
    'email',
    /^((work |business )?e ?mail( address| id)?|mail|courriel|adresse e ?mail|correo( electronico)?|e ?mail adresse|e ?mailadres|indirizzo e ?mail)$/,
  ],
  ['user', /^(users?|members?|team members?|staff|employees?|utilisateur|benutzer|miembro|gebruiker)$/],
  [
    'displayName',
    /^((full|display|staff|user s|user|member|employee|person s|real) ?names?|name|names|staff member|employee|person|nom|nom complet|name des benutzers|nombre( completo)?|naam|volledige naam|nome( completo)?)$/,
  ],
  [
    'role',
    /^((user |job |security |access |permission )?(role|roles|group|groups|type|profile|level|title)|position|job|access|access level|user type|privilege level|rights level|role name|rolle|role utilisateur|poste|funktion|rol|ruolo|functie)$/,
  ],
  [
    'permissions',
    /^(permissions?|rights|access rights|privileges|capabilities|entitlements|authori[sz]ations|droits|berechtigungen|rechte|permisos|rechten|permessi)$/,
  ],
];

/** The field a column holds, from its header text; null when the header names something else. */
export function fieldForHeader(text: string): ColumnField | null {
  const header = normaliseHeader(text);
  if (!header || header.length > 40) return null;
  for (const [field, pattern] of FIELD_PATTERNS) if (pattern.test(header)) return field;
  return null;
}
