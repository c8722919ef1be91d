// The alert-rules API (/api/rules, docs/alert-rules.md). The document travels as text, not as parsed
// JSON, because it may carry comments that the admin wrote and that must survive a save. Its version
// (the ETag) goes back as If-Match, so a save over another admin's newer change is refused (412)
// instead of silently undoing it. A refusal is thrown as a RulesApiError with the server's JSON path.

import { antiforgeryHeaders, sessionEnded } from "./login.js";

const URL_RULES = "/api/rules";

export class RulesApiError extends Error {
  constructor(status, title, detail, path = null) {
    super(detail || title || `HTTP ${status}`);
    this.name = "RulesApiError";
    this.status = status;
    this.title = title || `HTTP ${status}`;
    this.detail = detail || "";
    this.path = path; // e.g. "rules[0].when.class[0]" or "line 3"; null when the fault has no place
  }
}

/** The error for a refused call, from its status and body text (a problem JSON or anything else). */
export function rulesError(method, url, status, bodyText) {
  let body = null;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // not JSON: the status says it
  }
  if (body && typeof body === "object" && (body.title || body.detail)) {
    return new RulesApiError(status, body.title, body.detail, typeof body.path === "string" ? body.path : null);
  }
  if (status === 403) return new RulesApiError(status, "not allowed", `${method} ${url}: only an admin may change the alert rules`);
  return new RulesApiError(status, `HTTP ${status}`, `${method} ${url} failed with HTTP ${status}`);
}

async function send(method, url, { text, version } = {}) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") Object.assign(headers, { "Content-Type": "application/json" }, antiforgeryHeaders());
  if (version) headers["If-Match"] = version;
  const response = await fetch(url, { method, headers, body: text, credentials: "same-origin" });
  if (response.status === 401) sessionEnded();
  const body = await response.text();
  if (!response.ok) throw rulesError(method, url, response.status, body);
  return { body, version: response.headers.get("ETag") };
}

/** {text, version} of the document in force. */
export async function loadRules() {
  const { body, version } = await send("GET", URL_RULES);
  return { text: body, version };
}

/** Asks the server whether `text` would be accepted, changing nothing: {count, ids, enabled}. */
export async function validateRules(text) {
  return JSON.parse((await send("POST", `${URL_RULES}/validate`, { text })).body);
}

/** Replaces the rules if they are still at `version`: {summary, version} (the new version). */
export async function saveRules(text, version) {
  const { body, version: next } = await send("PUT", URL_RULES, { text, version });
  return { summary: JSON.parse(body), version: next };
}
