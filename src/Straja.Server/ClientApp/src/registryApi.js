// The registry's REST API (/api/registry, docs/registry.md). A refusal arrives as a problem body
// {title, detail[, errors]}; it is thrown as a RegistryApiError so that a form can show the
// registry's own reason next to the fields, rather than a bare status code.

import { antiforgeryHeaders } from "./login.js";
const BASE = "/api/registry";

export class RegistryApiError extends Error {
  constructor(status, title, detail, errors = []) {
    super(detail || title || `HTTP ${status}`);
    this.name = "RegistryApiError";
    this.status = status;
    this.title = title || `HTTP ${status}`;
    this.detail = detail || "";
    this.errors = errors; // CSV import: [{line, field, message}]
  }
}

/** The error for a non-2xx answer; the body is the parsed JSON or null when there was none. */
export function errorFromResponse(method, path, status, body) {
  if (body && typeof body === "object" && (body.title || body.detail)) {
    return new RegistryApiError(status, body.title, body.detail, Array.isArray(body.errors) ? body.errors : []);
  }
  return new RegistryApiError(status, `HTTP ${status}`, `${method} ${path} failed with HTTP ${status}`);
}

/**
 * One JSON call to any of the server's APIs (incidentsApi.js uses it too): `json` is sent as JSON,
 * `text` (a string, Blob or File) as-is with `contentType`. A refusal is thrown as a RegistryApiError.
 */
export async function request(method, url, { json, text, contentType } = {}) {
  // The server records the signed-in user as the actor; a change must echo the anti-forgery token.
  const headers = { Accept: "application/json", ...(method === "GET" ? {} : antiforgeryHeaders()) };
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (text !== undefined) {
    headers["Content-Type"] = contentType;
    body = text;
  }
  const response = await fetch(url, { method, headers, body, credentials: "same-origin" });
  const raw = await response.text();
  let parsed = null;
  if (raw.length > 0) {
    try {
      parsed = JSON.parse(raw);
    } catch {
      if (response.ok) throw new RegistryApiError(response.status, "bad answer", `${method} ${url}: response is not JSON`);
    }
  }
  if (!response.ok) throw errorFromResponse(method, url, response.status, parsed);
  return parsed;
}

const call = (method, path, options) => request(method, BASE + path, options);

const seg = encodeURIComponent;

export const sites = () => call("GET", "/sites");
export const addSite = (site) => call("POST", "/sites", { json: site });
export const models = () => call("GET", "/models");
export const addModel = (model) => call("POST", "/models", { json: model });
export const batches = () => call("GET", "/batches");
export const addBatch = (batch) => call("POST", "/batches", { json: batch });
export const reconciliations = () => call("GET", "/batches/reconciliation");
export const units = () => call("GET", "/units");
export const unit = (serial) => call("GET", `/units/${seg(serial)}`);
export const unitHistory = (serial) => call("GET", `/units/${seg(serial)}/history`);
export const registerUnit = (u) => call("POST", "/units", { json: u });
/** action: accept, allocate, deliver, in-service or retire (see registryModel.js ACTIONS). */
export const move = (serial, action, body) => call("POST", `/units/${seg(serial)}/${action}`, { json: body ?? undefined });
export const importCsv = (csvText) => call("POST", "/units/import", { text: csvText, contentType: "text/csv" });
export const EXPORT_URL = `${BASE}/units/export`;
export const summary = () => call("GET", "/summary");
export const audit = (after, max) => call("GET", `/audit?after=${after}&max=${max}`);
export const verifyAudit = () => call("GET", "/audit/verify");
export const members = () => call("GET", "/members");
export const addMember = (code) => call("POST", `/members/${seg(code)}`);
export const removeMember = (code) => call("DELETE", `/members/${seg(code)}`);
