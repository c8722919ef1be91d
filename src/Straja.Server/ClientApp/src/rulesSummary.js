// Alert rules in plain words for the rules page: what a rule's condition tree (docs/alert-rules.md)
// asks of a track or a sensor, read aloud. Pure. The server is the judge of what a document means;
// this only renders the parsed JSON, and anything it does not know is shown as raw JSON rather
// than guessed at, so a newer server's condition is never misdescribed.

export const SEVERITIES = Object.freeze(["info", "warning", "critical"]);
export const DEFAULT_SEVERITY = "warning";
export const DEFAULT_COOLDOWN_S = 300;

const RELATIONS = { inside: "is inside", entering: "enters", leaving: "leaves" };

/** One rule of a parsed document as the page lists it, defaults filled in as the server reads them. */
export function ruleRow(rule) {
  const r = rule !== null && typeof rule === "object" ? rule : {};
  return {
    id: typeof r.id === "string" ? r.id : "",
    name: typeof r.name === "string" ? r.name : typeof r.id === "string" ? r.id : "",
    enabled: r.enabled !== false,
    severity: typeof r.severity === "string" ? r.severity : DEFAULT_SEVERITY,
    cooldownS: typeof r.cooldownS === "number" ? r.cooldownS : DEFAULT_COOLDOWN_S,
    summary: summarize(r.when),
  };
}

/** The names rule alerts are raised under, for a parsed document's rules. */
export function ruleNames(rules) {
  return rules.map((r) => ruleRow(r).name);
}

/** The condition in words, e.g. "identity is not friendly or neutral and crosses the border from UA to RO". */
export function summarize(condition) {
  return words(condition, false);
}

// `nested` asks for brackets around an and/or list that sits inside another one, so the grouping
// that the JSON makes by nesting stays visible in the sentence.
function words(c, nested) {
  if (c === null || typeof c !== "object" || Array.isArray(c)) return raw(c);
  const keys = Object.keys(c);
  if (keys.length !== 1) return raw(c);
  const [key] = keys;
  const v = c[key];
  switch (key) {
    case "all":
    case "any": {
      if (!Array.isArray(v) || v.length === 0) return raw(c);
      const joined = v.map((x) => words(x, true)).join(key === "all" ? " and " : " or ");
      if (v.length === 1) return joined;
      return nested ? `(${joined})` : joined;
    }
    case "not":
      return negate(v);
    case "class":
      return `class is ${names(v)}`;
    case "identity":
      return `identity is ${names(v)}`;
    case "altitudeM":
      return band("altitude", v, "m");
    case "speedMps":
      return band("ground speed", v, "m/s");
    case "zone": {
      if (!isObject(v)) return raw(c);
      const relation = RELATIONS[v.relation ?? "inside"] ?? `is ${v.relation} (unknown relation)`;
      return `${relation} ${zone(v.id)}`;
    }
    case "border":
      return border(v);
    case "timeToZoneS":
      return isObject(v) ? `reaches ${zone(v.zone)} within ${num(v.max)} s on its present course` : raw(c);
    case "closingSpeedMps":
      return isObject(v) ? `closes on ${zone(v.zone)} at ${num(v.min)} m/s or faster` : raw(c);
    case "loiterS":
      return isObject(v) ? `has stayed inside ${zone(v.zone)} for ${num(v.min)} s or more` : raw(c);
    case "swarm": {
      if (!isObject(v)) return raw(c);
      const of = v.of === undefined ? "tracks" : `tracks where ${words(v.of, true)}`;
      return `part of a swarm: ${num(v.minTracks)} or more confirmed ${of} within ${num(v.radiusM)} m`;
    }
    case "registeredUnit":
      if (!isObject(v)) return raw(c);
      return v.state === undefined ? "is a unit of the registry" : `is a unit of the registry marked ${names(v.state)}`;
    case "sensorSilent":
      return isObject(v) && typeof v.sensor === "string" && v.sensor !== "*" ? `sensor ${v.sensor} is silent` : "any sensor is silent";
    default:
      return `${key} ${raw(v)} (unknown condition)`;
  }
}

function negate(v) {
  // "not identity [friendly, neutral]" reads better as "identity is not …" than "not (identity is …)".
  if (isObject(v) && Object.keys(v).length === 1) {
    if (Array.isArray(v.identity)) return `identity is not ${names(v.identity)}`;
    if (Array.isArray(v.class)) return `class is not ${names(v.class)}`;
  }
  return `not (${words(v, false)})`;
}

function names(list) {
  if (!Array.isArray(list) || list.length === 0) return raw(list);
  const s = list.map(String);
  return s.length === 1 ? s[0] : `${s.slice(0, -1).join(", ")} or ${s[s.length - 1]}`;
}

function band(what, v, unit) {
  if (!isObject(v)) return `${what} ${raw(v)}`;
  const lo = typeof v.min === "number";
  const hi = typeof v.max === "number";
  if (lo && hi) return `${what} between ${num(v.min)} and ${num(v.max)} ${unit}`;
  if (lo) return `${what} at least ${num(v.min)} ${unit}`;
  if (hi) return `${what} at most ${num(v.max)} ${unit}`;
  return `${what} ${raw(v)}`;
}

function border(v) {
  if (!isObject(v)) return `crosses a border ${raw(v)}`;
  const from = typeof v.from === "string" ? ` from ${v.from}` : "";
  const to = typeof v.to === "string" ? ` into ${v.to}` : "";
  return from || to ? `crosses the border${from}${to}` : "crosses any border";
}

const zone = (id) => (id === "*" ? "any zone" : `zone ${typeof id === "string" ? id : raw(id)}`);
const num = (x) => (typeof x === "number" ? String(x) : raw(x));
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function raw(v) {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
