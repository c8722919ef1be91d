// The incidents REST API (/api/incidents, docs/operations.md). Refusals arrive as problem bodies
// and are thrown as errors carrying the server's title and text (registryApi.js's request).

import { listUrl } from "./incidentsModel.js";
import { request } from "./registryApi.js";

const BASE = "/api/incidents";
const seg = encodeURIComponent;

/** The newest incidents, filtered by `state` on the server when given. */
export const list = (state, limit = 1000) => request("GET", listUrl(state, limit));
export const get = (id) => request("GET", `${BASE}/${seg(id)}`);
export const open = (body) => request("POST", BASE, { json: body });
export const transition = (id, to, resolution) => request("POST", `${BASE}/${seg(id)}/transition`, { json: { to, resolution } });
export const assign = (id, assignee) => request("POST", `${BASE}/${seg(id)}/assign`, { json: { assignee } });
export const comment = (id, text) => request("POST", `${BASE}/${seg(id)}/comments`, { json: { text } });
/** The file as the raw body, its type as Content-Type (the server recognises it by its bytes too). */
export const attach = (id, file) =>
  request("POST", `${BASE}/${seg(id)}/attachments?name=${seg(file.name)}`, { text: file, contentType: file.type || "application/octet-stream" });
export const backtrack = (id) => request("GET", `${BASE}/${seg(id)}/backtrack`);
