// The registry pages' pure logic: routes, the lifecycle moves a unit page offers, the unit
// filter, and turning form text into API request bodies. No DOM, no fetch: node-tested.

/** The registry's sub-pages, in the order of its navigation bar. */
export const PAGES = Object.freeze([
  ["production", "Production"],
  ["units", "Units"],
  ["report", "Report"],
  ["audit", "Audit"],
  ["import", "Import / export"],
  ["recipients", "Recipients"],
]);

/**
 * The view a location hash asks for. "#/registry/units/U1" → {view: "registry", page: "unit",
 * serial: "U1"}; anything not under #/registry is the map.
 */
export function parseRoute(hash) {
  const path = (hash ?? "").replace(/^#\/?/, "").split("?")[0];
  const parts = path.split("/").filter((p) => p.length > 0);
  if (parts[0] !== "registry") return { view: "map" };
  if (parts.length === 1) return { view: "registry", page: "production" };
  if (parts[1] === "units" && parts.length === 3) return { view: "registry", page: "unit", serial: safeDecode(parts[2]) };
  if (parts.length === 2 && PAGES.some(([id]) => id === parts[1])) return { view: "registry", page: parts[1] };
  return { view: "registry", page: "not-found", path };
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const unitHash = (serial) => `#/registry/units/${encodeURIComponent(serial)}`;

export const STATES = Object.freeze([
  "produced", "accepted", "allocated", "delivered", "in-service", "lost", "destroyed", "decommissioned",
]);

/**
 * Every move the API has, with the state it may start from (the server's Lifecycle is the
 * authority; this only decides which move the form proposes first).
 */
export const ACTIONS = Object.freeze([
  { id: "accept", label: "Accept (quality inspection passed)", from: "produced",
    fields: [{ name: "inspector", label: "Inspector", required: true }] },
  { id: "allocate", label: "Allocate to a recipient", from: "accepted",
    fields: [
      { name: "recipient", label: "Recipient (ISO code, e.g. RO, PL)", required: true },
      { name: "exportLicence", label: "Export licence (exports)" },
      { name: "licenceExpiresOn", label: "Licence expires on", type: "date" },
      { name: "endUserCertificate", label: "End-user certificate (exports)" },
    ] },
  { id: "deliver", label: "Deliver", from: "allocated", fields: [] },
  { id: "in-service", label: "Put in service", from: "delivered", fields: [] },
  { id: "retire", label: "Retire (mark lost, destroyed or decommissioned)", from: "in-service",
    fields: [
      { name: "end", label: "End", options: ["lost", "destroyed", "decommissioned"], required: true },
      { name: "reason", label: "Reason", required: true },
    ] },
]);

export function actionById(id) {
  const action = ACTIONS.find((a) => a.id === id);
  if (!action) throw new RangeError(`unknown unit action "${id}" (expected one of ${ACTIONS.map((a) => a.id).join(", ")})`);
  return action;
}

/** The move a unit in `state` would normally make next, or null in a final state. */
export const nextAction = (state) => ACTIONS.find((a) => a.from === state) ?? null;

/**
 * The JSON body for a move from the form's values: empty fields are left out (the API then
 * names what is missing); an action without fields has no body.
 */
export function actionBody(actionId, values) {
  const action = actionById(actionId);
  if (action.fields.length === 0) return null;
  const body = {};
  for (const f of action.fields) {
    const v = (values[f.name] ?? "").trim();
    if (v !== "") body[f.name] = action.id === "allocate" && f.name === "recipient" ? v.toUpperCase() : v;
  }
  return body;
}

/** Units matching every filter; `text` matches serial, Remote ID serial or a radio identifier, case-insensitive. */
export function filterUnits(units, { text = "", model = "", batch = "", state = "", recipient = "" } = {}) {
  const needle = text.trim().toLowerCase();
  return units.filter((u) =>
    (model === "" || u.modelId === model) &&
    (batch === "" || u.batchId === batch) &&
    (state === "" || u.state === state) &&
    (recipient === "" || (recipient === "-" ? !u.recipient : u.recipient === recipient)) &&
    (needle === "" || [u.serial, u.remoteIdSerial, ...(u.radioIdentifiers ?? []).map((r) => r.value)]
      .some((s) => String(s).toLowerCase().includes(needle))));
}

/** The distinct values of one unit field, sorted, for a filter's options. */
export function distinct(units, field) {
  return [...new Set(units.map((u) => u[field]).filter((v) => v !== null && v !== undefined && v !== ""))].sort();
}

/**
 * "kind=value" per line or comma (e.g. "wifi-mac=02:00:5E:10:00:01") → [{kind, value}].
 * Throws naming the entry that has no "=": the server checks the rest.
 */
export function parseRadioIdentifiers(text) {
  return splitList(text).map((entry, i) => {
    const eq = entry.indexOf("=");
    if (eq <= 0 || eq === entry.length - 1) {
      throw new Error(`radio identifiers: entry ${i + 1} "${entry}" must be kind=value (e.g. wifi-mac=02:00:5E:10:00:01)`);
    }
    return { kind: entry.slice(0, eq).trim(), value: entry.slice(eq + 1).trim() };
  });
}

/** "2400-2483.5, 5725-5850" (MHz) → [{minMHz, maxMHz}]; throws naming the entry that is not two numbers. */
export function parseRadioBands(text) {
  return splitList(text).map((entry, i) => {
    const m = /^(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)$/.exec(entry);
    if (!m) throw new Error(`radio bands: entry ${i + 1} "${entry}" must be MIN-MAX in MHz (e.g. 2400-2483.5)`);
    return { minMHz: Number(m[1]), maxMHz: Number(m[2]) };
  });
}

function splitList(text) {
  return (text ?? "").split(/[\n,]/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** A number field's value, or a thrown error naming the field. */
export function parseNumber(label, text) {
  const t = (text ?? "").trim();
  const n = Number(t);
  if (t === "" || !Number.isFinite(n)) throw new Error(`${label}: "${t}" is not a number`);
  return n;
}

/**
 * An ISO 8601 time from the API as "yyyy-MM-dd HH:mm:ssZ" (to the second; UTC shown as Z, any
 * other offset kept); "—" when absent. Text, not Date: the audit log's 7 fractional digits are
 * not something every Date parser accepts.
 */
export function utcSeconds(iso) {
  if (!iso) return "—";
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(iso);
  if (!m) return iso;
  return `${m[1]} ${m[2]}${m[3] === "+00:00" || m[3] === "-00:00" ? "Z" : m[3]}`;
}

/** A public key's SHA-256 (hex) in groups of four, so two people can read it to each other. */
export function groupFingerprint(hex) {
  return hex ? hex.match(/.{1,4}/g).join(" ") : "—";
}

/** A batch's counts as the pages show them: each milestone and whether it is within the one before. */
export function reconciliationRows(rec) {
  const steps = [
    ["produced (quantity)", rec.quantity],
    ["registered", rec.registered],
    ["accepted", rec.accepted],
    ["allocated", rec.allocated],
    ["delivered", rec.delivered],
  ];
  return steps.map(([label, count], i) => ({ label, count, ok: i === 0 || count <= steps[i - 1][1] }));
}

/** The text of the private-key file offered for download once, at acceptance. */
export function privateKeyFile(accepted) {
  return [
    `# Straja unit private key (Ed25519 seed, RFC 8032). Shown once; the registry does not keep it.`,
    `serial: ${accepted.unit.serial}`,
    `remoteIdSerial: ${accepted.unit.remoteIdSerial}`,
    `privateKeyBase64: ${accepted.privateKeyBase64}`,
    `privateKeyHex: ${accepted.privateKeyHex}`,
    "",
  ].join("\n");
}
