/**
 * The words admin pages use around their user lists, in every language the detector reads: the
 * header of each kind of column, and the phrases that state a paged list's total. This is the one
 * place they are listed; `header-fields.ts` and `paging.ts` compile them.
 *
 * Header phrases are matched against the whole header, normalised by `normaliseHeader` (lower case,
 * accents folded, punctuation as single spaces: "Nom d'utilisateur" → "nom d utilisateur"). Each
 * phrase is a regular-expression fragment, so one line can hold a few spellings ("e ?mail").
 */

export type HeaderField =
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

export type Language = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'it' | 'nl' | 'da' | 'no' | 'sv' | 'pl';

/**
 * A name alone ("Name", "Nom", "Nombre", "Naam"): the person's whole name, or, beside a column of
 * one part of it ("Prénom", "Vorname", "Apellidos"), the other part.
 */
export const NAME_ALONE: Partial<Record<Language, string>> = {
  en: 'names?',
  de: 'name',
  fr: 'nom',
  es: 'nombre',
  pt: 'nome',
  it: 'nome',
  nl: 'naam',
  da: 'navn',
  no: 'navn',
  sv: 'namn',
  pl: 'nazwa',
};

/**
 * Status columns that say whether a login is switched on ("Active", "Enabled", "Aktywny": yes or no,
 * on or off). Only accounts are switched on and off: an address list with such a column beside its
 * email addresses is a list of mailboxes or logins, not of contacts.
 */
export const SWITCHED_ON_HEADERS: Readonly<Record<Language, readonly string[]>> = {
  en: ['((account|user|login) )?(enabled|active)', 'is (enabled|active)'],
  de: ['aktiv', 'aktiviert'],
  fr: ['actif', 'active', 'active e'],
  es: ['activo', 'activa', 'habilitado', 'habilitada'],
  pt: ['ativo', 'ativa', 'habilitado', 'habilitada'],
  it: ['attivo', 'attiva', 'abilitato', 'abilitata'],
  nl: ['actief', 'ingeschakeld'],
  da: ['aktiv'],
  no: ['aktiv'],
  sv: ['aktiv'],
  pl: ['aktywny', 'aktywna', 'aktywne', 'wlaczony', 'wlaczone'],
};

/**
 * Header phrases by field, tried in this order: the more specific first, so that "last login" is a
 * date and not the login, and "account status" a status and not the account.
 */
export const HEADER_VOCABULARY: readonly [HeaderField, Partial<Record<Language, readonly string[]>>][] = [
  [
    'lastSignIn',
    {
      en: [
        '(last|latest|most recent) ?(log ?in|log ?on|sign ?in|signed in|access(ed)?|activity|active|seen|visit|used)( date| time| at| on)?',
      ],
      de: ['letzte (anmeldung|aktivitat|aktivitaet|login)', 'zuletzt (angemeldet|aktiv|gesehen)'],
      fr: ['derniere (connexion|activite|visite)'],
      es: ['ultimo (acceso|inicio de sesion)', 'ultima (conexion|actividad)'],
      pt: ['ultimo (acesso|login)', 'ultima (atividade|sessao)'],
      it: ['ultimo accesso', 'ultima attivita'],
      nl: ['laatste (login|aanmelding|activiteit)', 'laatst (ingelogd|actief|gezien)'],
      da: ['sidste (login|aktivitet)', 'senest (logget ind|aktiv)'],
      no: ['siste (innlogging|palogging|aktivitet)', 'sist (innlogget|aktiv)'],
      sv: ['senaste (inloggning|aktivitet)', 'senast (inloggad|aktiv)'],
      pl: ['ostatnie logowanie', 'ostatnia aktywnosc', 'ostatnio (zalogowany|aktywny)'],
    },
  ],
  [
    'status',
    {
      en: ['((account|user|login) )?(status|state)', ...SWITCHED_ON_HEADERS.en],
      de: ['status', 'kontostatus', 'zustand', ...SWITCHED_ON_HEADERS.de],
      fr: ['statut', 'etat', ...SWITCHED_ON_HEADERS.fr],
      es: ['estado', ...SWITCHED_ON_HEADERS.es],
      pt: ['estado', 'situacao', ...SWITCHED_ON_HEADERS.pt],
      it: ['stato', ...SWITCHED_ON_HEADERS.it],
      nl: ['status', ...SWITCHED_ON_HEADERS.nl],
      da: ['status', ...SWITCHED_ON_HEADERS.da],
      no: ['status', ...SWITCHED_ON_HEADERS.no],
      sv: ['status', ...SWITCHED_ON_HEADERS.sv],
      pl: ['status', 'stan', ...SWITCHED_ON_HEADERS.pl],
    },
  ],
  [
    'firstName',
    {
      en: ['(first|given|fore) ?names?'],
      de: ['vorname'],
      fr: ['prenom'],
      es: ['nombre de pila'],
      pt: ['primeiro nome', 'nome proprio'],
      it: ['nome proprio'],
      nl: ['voornaam'],
      da: ['fornavn'],
      no: ['fornavn'],
      sv: ['fornamn'],
      pl: ['imie'],
    },
  ],
  [
    'lastName',
    {
      en: ['(last|family|sur) ?names?'],
      de: ['nachname', 'familienname'],
      fr: ['nom de famille'],
      es: ['apellidos?'],
      pt: ['apelido', 'sobrenome', 'ultimo nome'],
      it: ['cognome'],
      nl: ['achternaam'],
      da: ['efternavn'],
      no: ['etternavn'],
      sv: ['efternamn'],
      pl: ['nazwisko'],
    },
  ],
  [
    'username',
    {
      en: [
        'user ?(name|id|login|code)',
        'log ?(in|on)( name| id)?',
        'sign ?in( name| id)?',
        'account( name| id)?',
        'login username',
        'handle',
        'operator( id| code)?',
        'staff (login|id|code)',
        // An email column that says it is the sign-in is the login itself.
        '(log ?in|log ?on|sign ?in|user) ?e ?mail( address)?',
        'e ?mail (log ?in|sign ?in)',
      ],
      de: ['benutzer ?(name|kennung|id)', 'anmelde ?name', 'kennung', 'login ?name', 'konto'],
      fr: ['nom d utilisateur', 'identifiant( de connexion)?', 'login', 'compte'],
      es: ['nombre de usuario', 'usuario', 'cuenta'],
      pt: ['nome de utilizador', 'nome de usuario', 'utilizador', 'usuario', 'conta'],
      it: ['nome utente', 'utente', 'account'],
      nl: ['gebruikersnaam', 'gebruikers ?id', 'inlognaam', 'account'],
      da: ['brugernavn', 'bruger ?id', 'konto'],
      no: ['brukernavn', 'bruker ?id', 'konto'],
      sv: ['anvandarnamn', 'anvandar ?id', 'konto'],
      pl: ['nazwa uzytkownika', 'login', 'konto'],
    },
  ],
  [
    'email',
    {
      en: ['(work |business )?e ?mail( address| id)?', 'mail'],
      de: ['e ?mail ?adresse', 'mail ?adresse'],
      fr: ['courriel', 'adresse (e ?mail|electronique|courriel|de contact)', 'mel'],
      es: ['correo( electronico)?', 'direccion de correo( electronico)?'],
      pt: ['endereco de e ?mail', 'correio eletronico'],
      it: ['indirizzo e ?mail', 'posta elettronica'],
      nl: ['e ?mail ?adres'],
      da: ['e ?mail ?adresse'],
      no: ['e ?post( ?adresse)?'],
      sv: ['e ?post( ?adress)?', 'e ?mail ?adress'],
      pl: ['adres e ?mail', 'poczta e ?mail'],
    },
  ],
  [
    'user',
    {
      en: ['users?', 'members?', 'team members?', 'staff', 'employees?', 'people', 'person'],
      de: ['benutzer', 'nutzer', 'mitglied(er)?', 'mitarbeiter(in)?'],
      fr: ['utilisateurs?', 'membres?', 'employes?'],
      es: ['usuarios', 'miembros?', 'empleados?'],
      pt: ['utilizadores', 'usuarios', 'membros?'],
      it: ['utenti', 'membri', 'membro'],
      nl: ['gebruikers?', 'leden', 'lid', 'medewerkers?'],
      da: ['brugere?', 'medlemm?er', 'medarbejdere?'],
      no: ['brukere?', 'medlemm?er', 'ansatte'],
      sv: ['anvandare', 'medlemm?ar', 'anstallda'],
      pl: ['uzytkownicy', 'uzytkownik', 'czlonkowie', 'pracownicy?'],
    },
  ],
  [
    'displayName',
    {
      en: [
        '(full|display|staff|user s|user|member|employee|person s|real) ?names?',
        'names?',
        'staff member',
        'employee',
      ],
      de: ['name', 'voller name', 'vollstandiger name', 'echter name', 'anzeigename', 'name des benutzers'],
      fr: ['nom', 'nom complet', 'nom affiche'],
      es: ['nombre', 'nombre completo'],
      pt: ['nome', 'nome completo'],
      it: ['nome', 'nome completo'],
      nl: ['naam', 'volledige naam', 'weergavenaam'],
      da: ['navn', 'fulde navn'],
      no: ['navn', 'fullt navn'],
      sv: ['namn', 'fullstandigt namn'],
      pl: ['imie i nazwisko', 'nazwa wyswietlana', 'nazwa'],
    },
  ],
  [
    'role',
    {
      en: [
        '(user |job |security |access |permission |system )?(role|roles|group|groups|type|profile|level|title)',
        'position',
        'job',
        'access',
        'access level',
        'user type',
        'privilege level',
        'rights level',
        'role name',
        // A database's or a server's global privileges: the account's level of access.
        'global (privileges|rights)',
      ],
      de: [
        'rollen?',
        'gruppen?',
        'funktion',
        'benutzergruppen?',
        'benutzerrollen?',
        'position',
        'globale (rechte|berechtigungen)',
      ],
      fr: ['roles?', 'role utilisateur', 'groupes?', 'poste', 'fonction', 'profil', 'privileges globaux'],
      es: ['rol(es)?', 'grupos?', 'perfil', 'cargo', 'puesto', 'privilegios globales'],
      pt: ['papel', 'funcao', 'funcoes', 'grupos?', 'perfil', 'cargo'],
      it: ['ruol[oi]', 'grupp[oi]', 'profilo', 'funzione'],
      nl: ['rol(len)?', 'groep(en)?', 'functie', 'profiel'],
      da: ['rolle', 'roller', 'grupper?', 'stilling'],
      no: ['rolle', 'roller', 'grupper?', 'stilling'],
      sv: ['roll(er)?', 'grupp(er)?', 'befattning'],
      pl: ['rola', 'role', 'grupy?', 'stanowisko', 'funkcja'],
    },
  ],
  [
    'permissions',
    {
      en: [
        'permissions?',
        'rights',
        'access rights',
        'privileges',
        'capabilities',
        'entitlements',
        'authori[sz]ations',
      ],
      de: ['berechtigungen', 'rechte', 'zugriffsrechte'],
      fr: ['droits', 'permissions', 'autorisations'],
      es: ['permisos', 'derechos'],
      pt: ['permissoes', 'direitos'],
      it: ['permessi', 'diritti'],
      nl: ['rechten', 'machtigingen', 'bevoegdheden'],
      da: ['rettigheder', 'tilladelser'],
      no: ['rettigheter', 'tillatelser'],
      sv: ['behorigheter', 'rattigheter'],
      pl: ['uprawnienia', 'prawa'],
    },
  ],
];

/**
 * How a paged list states its range and total, over the page's text as written (lower-cased): the
 * named groups are the first and last row shown (`from`, `to`) and the total (`total`). Numbers may
 * carry thousands separators ("1,204", "1.204", "1 204").
 */
export const TOTAL_PHRASES: Partial<Record<Language, readonly string[]>> = {
  en: [
    '(showing|displaying|viewing)?\\s*(users?|entries|items|records|results|rows)?\\s*{from}\\s*(-|–|—|to)\\s*{to}\\s*of\\s*{total}',
    '{total}\\s+(users?|members?|accounts?|people|staff|results?|entries|records|items)\\b',
    '(total|count)\\s*:?\\s*{total}',
  ],
  de: [
    '(zeige|anzeige)?\\s*(eintrage|eintraege|benutzer)?\\s*{from}\\s*(-|–|—|bis)\\s*{to}\\s*von\\s*{total}',
    '{total}\\s+(benutzer|nutzer|mitglieder|eintrage|eintraege|konten|ergebnisse)\\b',
    '(gesamt|insgesamt)\\s*:?\\s*{total}',
  ],
  fr: [
    '(affichage( de)?|afficher)?\\s*(l.element|elements)?\\s*{from}\\s*(-|–|—|a|à)\\s*{to}\\s*(sur|de)\\s*{total}',
    '{total}\\s+(utilisateurs?|membres?|comptes?|resultats?|résultats?|elements|éléments)\\b',
    'total\\s*:?\\s*{total}',
  ],
  es: [
    '(mostrando)?\\s*(registros)?\\s*(del)?\\s*{from}\\s*(-|–|—|al|a)\\s*{to}\\s*de\\s*(un total de)?\\s*{total}',
    '{total}\\s+(usuarios?|miembros?|cuentas?|resultados?|registros)\\b',
  ],
  pt: [
    '(mostrando|exibindo|a mostrar)?\\s*{from}\\s*(-|–|—|a|até)\\s*{to}\\s*de\\s*{total}',
    '{total}\\s+(utilizadores|usuários|usuarios|membros|contas|resultados)\\b',
  ],
  it: [
    '(visualizzazione|mostra)?\\s*(da)?\\s*{from}\\s*(-|–|—|a)\\s*{to}\\s*(di|su)\\s*{total}',
    '{total}\\s+(utenti|membri|account|risultati)\\b',
  ],
  nl: [
    '(toon|weergave)?\\s*{from}\\s*(-|–|—|tot)\\s*{to}\\s*van\\s*{total}',
    '{total}\\s+(gebruikers|leden|accounts|resultaten)\\b',
  ],
  da: ['{from}\\s*(-|–|—|til)\\s*{to}\\s*af\\s*{total}', '{total}\\s+(brugere|medlemmer|resultater)\\b'],
  no: ['{from}\\s*(-|–|—|til)\\s*{to}\\s*av\\s*{total}', '{total}\\s+(brukere|medlemmer|resultater)\\b'],
  sv: ['{from}\\s*(-|–|—|till)\\s*{to}\\s*av\\s*{total}', '{total}\\s+(användare|medlemmar|resultat)\\b'],
  pl: [
    '{from}\\s*(-|–|—|do)\\s*{to}\\s*(z|spośród)\\s*{total}',
    '{total}\\s+(użytkowników|użytkownicy|członków|wyników)\\b',
  ],
};

/**
 * Words that, alone in a field of a record, say the field is a user's role or status: a card or a
 * row of a list with no headers ("Administrator", "Gesperrt", "Invitado"). Normalised as headers are.
 */
export const RECORD_WORDS: Record<'role' | 'status', Partial<Record<Language, readonly string[]>>> = {
  role: {
    en: [
      'admin',
      'administrator',
      'owner',
      'editor',
      'viewer',
      'reader',
      'author',
      'contributor',
      'member',
      'manager',
      'moderator',
      'guest',
      'user',
      'staff',
      'superuser',
      'super admin',
      'developer',
      'maintainer',
      'reporter',
      'support',
      'agent',
      'operator',
      'billing',
      'read only',
      'standard',
      'power user',
    ],
    de: [
      'administrator',
      'besitzer',
      'eigentumer',
      'redakteur',
      'leser',
      'autor',
      'mitglied',
      'gast',
      'benutzer',
      'verwalter',
      'moderator',
      'betrachter',
    ],
    fr: [
      'administrateur',
      'proprietaire',
      'editeur',
      'redacteur',
      'lecteur',
      'auteur',
      'membre',
      'invite',
      'utilisateur',
      'gestionnaire',
      'moderateur',
    ],
    es: [
      'administrador',
      'propietario',
      'editor',
      'lector',
      'autor',
      'miembro',
      'invitado',
      'usuario',
      'gestor',
      'moderador',
    ],
    pt: [
      'administrador',
      'proprietario',
      'editor',
      'leitor',
      'autor',
      'membro',
      'convidado',
      'utilizador',
      'usuario',
      'gestor',
    ],
    it: [
      'amministratore',
      'proprietario',
      'editore',
      'lettore',
      'autore',
      'membro',
      'ospite',
      'utente',
      'gestore',
    ],
    nl: ['beheerder', 'eigenaar', 'redacteur', 'lezer', 'auteur', 'lid', 'gast', 'gebruiker', 'moderator'],
    da: ['administrator', 'ejer', 'redaktor', 'laeser', 'forfatter', 'medlem', 'gaest', 'bruger'],
    no: ['administrator', 'eier', 'redaktor', 'leser', 'forfatter', 'medlem', 'gjest', 'bruker'],
    sv: ['administrator', 'agare', 'redaktor', 'lasare', 'forfattare', 'medlem', 'gast', 'anvandare'],
    pl: ['administrator', 'wlasciciel', 'redaktor', 'czytelnik', 'autor', 'czlonek', 'gosc', 'uzytkownik'],
  },
  // Besides these, the words that say whether a login is switched on or off, which the status
  // reader knows (STATUS_WORDS in shared/directory/read-shown-values.ts).
  status: {
    en: ['invited', 'pending', 'online', 'offline'],
    de: ['eingeladen', 'ausstehend'],
    fr: ['invite', 'en attente'],
    es: ['invitado', 'pendiente'],
    pt: ['convidado', 'pendente'],
    it: ['invitato', 'in attesa'],
    nl: ['uitgenodigd', 'in afwachting'],
    da: ['inviteret'],
    no: ['invitert'],
    sv: ['inbjuden'],
    pl: ['zaproszony', 'oczekujacy'],
  },
};

/**
 * Words that name a field or an address parameter as a filter on the list: a search box ("Suche",
 * "Rechercher"), a filter, or a choice of role, group or status. Matched as whole words of the
 * field's name, id, placeholder, label and title, or of the parameter's name, normalised as headers
 * are. A field named otherwise (the pager's page number, a form to add a user, a layout picker) is
 * not a filter whatever it holds.
 */
export const FILTER_WORDS: Partial<Record<Language, readonly string[]>> = {
  en: [
    'q',
    's',
    'search',
    'filter',
    'filters',
    'query',
    'find',
    'keyword',
    'keywords',
    'term',
    'role',
    'roles',
    'group',
    'groups',
    'status',
  ],
  de: ['suche', 'suchen', 'filtern', 'suchbegriff', 'rolle', 'gruppe'],
  fr: ['recherche', 'rechercher', 'chercher', 'filtre', 'filtrer', 'role', 'groupe', 'statut'],
  es: ['buscar', 'busqueda', 'filtro', 'filtrar', 'rol', 'grupo', 'estado'],
  pt: ['pesquisa', 'pesquisar', 'procurar', 'busca', 'filtro', 'filtrar', 'funcao', 'grupo'],
  it: ['cerca', 'ricerca', 'filtro', 'filtra', 'ruolo', 'gruppo', 'stato'],
  nl: ['zoeken', 'zoek', 'filteren', 'rol', 'groep'],
  da: ['sog', 'soeg', 'filtrer', 'rolle', 'gruppe'],
  no: ['sok', 'filtrer', 'rolle', 'gruppe'],
  sv: ['sok', 'filtrera', 'roll', 'grupp'],
  pl: ['szukaj', 'wyszukaj', 'filtr', 'filtruj', 'rola', 'grupa'],
};
