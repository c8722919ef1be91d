// Who is using the console, as far as the pages need to know: the user's name (recorded as the
// actor of registry changes) and their roles (which decide whether edit controls are shown).
// The server decides what is allowed; hiding controls only spares a reader forms that would be
// refused. Contract with the accounts work: GET /api/session → 200 {user, roles} or 401 when
// nobody is signed in. Until that endpoint exists (404) the console behaves as before accounts:
// everyone may do everything. All of that policy lives here so it can change in one place.

export const ROLES = Object.freeze(["viewer", "operator", "investigator", "registrar", "border-police", "admin"]);

/** Roles that read the picture. The server gives viewer with every role but border-police, whose officers only file reports. */
const PICTURE_READERS = Object.freeze(["viewer", "operator", "investigator", "registrar", "admin"]);
/** Roles whose field reports the server marks trusted (FieldReportsApi.TrustedRoles). */
const TRUSTED_REPORTERS = Object.freeze(["border-police", "operator", "investigator", "admin"]);

/** Roles that may change the registry. */
const REGISTRY_EDITORS = Object.freeze(["registrar", "admin"]);
/** Roles that may acknowledge alerts (the server expands admin to every role; both are listed for a session without accounts). */
const ACKNOWLEDGERS = Object.freeze(["operator", "admin"]);

/**
 * The session from the answer to GET /api/session.
 * @returns {{user: string|null, roles: string[], signedIn: boolean, accounts: boolean}}
 */
export function sessionFromResponse(status, body) {
  if (status === 404) return { user: null, roles: [...ROLES], signedIn: false, accounts: false };
  if (status === 401) return { user: null, roles: [], signedIn: false, accounts: true };
  if (status !== 200) throw new Error(`GET /api/session: HTTP ${status}`);
  if (body === null || typeof body !== "object" || typeof body.user !== "string" || !Array.isArray(body.roles)) {
    throw new Error('GET /api/session: expected {"user": "...", "roles": [...]}');
  }
  // Unknown role names are dropped rather than trusted: a typo on the server must not grant editing.
  const roles = body.roles.filter((r) => ROLES.includes(r));
  return { user: body.user, roles, signedIn: true, accounts: true };
}

/** Roles that may open and work incidents (viewers only read them). */
const INVESTIGATORS = Object.freeze(["investigator", "admin"]);

export function canInvestigate(session) {
  return (session?.roles ?? []).some((r) => INVESTIGATORS.includes(r));
}

export function canEditRegistry(session) {
  return session.roles.some((r) => REGISTRY_EDITORS.includes(r));
}

export function canAcknowledge(session) {
  return (session?.roles ?? []).some((r) => ACKNOWLEDGERS.includes(r));
}

/** Roles that may draw, import, change and delete zones (the zones API's write role). */
const ZONE_EDITORS = Object.freeze(["operator", "admin"]);

export function canEditZones(session) {
  return (session?.roles ?? []).some((r) => ZONE_EDITORS.includes(r));
}

/** False for a border-police officer: the console has nothing for them, the report page does. */
export function canViewPicture(session) {
  return (session?.roles ?? []).some((r) => PICTURE_READERS.includes(r));
}

export function isTrustedReporter(session) {
  return (session?.roles ?? []).some((r) => TRUSTED_REPORTERS.includes(r));
}

/** Only an admin may replace the alert rules (docs/alert-rules.md). */
export function canEditRules(session) {
  return (session?.roles ?? []).includes("admin");
}

/** What the top of the registry pages says about the user. */
export function describeSession(session) {
  if (!session.accounts) return "no accounts on this server: everyone may edit";
  if (!session.signedIn) return "not signed in: read only";
  const mode = canEditRegistry(session) ? "may edit" : "read only";
  return `${session.user} (${session.roles.join(", ") || "no roles"}) — ${mode}`;
}

export async function loadSession(fetchFn = fetch) {
  const response = await fetchFn("/api/session", { headers: { Accept: "application/json" }, credentials: "same-origin" });
  const body = response.status === 200 ? await response.json() : null;
  return sessionFromResponse(response.status, body);
}
