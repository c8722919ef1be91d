// REST calls to the Straja server (same origin). Errors name the endpoint and the status so
// that the status line tells the operator what failed. A 401 means the session ended: back to sign-in.

import { antiforgeryHeaders, sessionEnded } from "./login.js";

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (response.status === 401) sessionEnded();
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  try {
    return await response.json();
  } catch (e) {
    throw new Error(`GET ${path}: response is not JSON (${e.message})`);
  }
}

export const getTracks = () => getJson("/api/tracks");
export const getAlerts = () => getJson("/api/alerts");
export const getZones = () => getJson("/api/zones");
export const getSensors = () => getJson("/api/sensors");
export const getCountries = () => getJson("/api/geo/countries");
export const getBorder = () => getJson("/api/geo/border");
export const getHistory = (trackId) =>
  getJson(`/api/tracks/${encodeURIComponent(trackId)}/history`);

// The server records the signed-in user as the one who acknowledged.
export async function acknowledgeAlert(alertId) {
  const path = `/api/alerts/${encodeURIComponent(alertId)}/ack`;
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", ...antiforgeryHeaders() },
    body: "{}",
  });
  if (response.status === 401) sessionEnded();
  if (response.status === 403) throw new Error(`POST ${path}: your roles do not allow acknowledging`);
  if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status}`);
  return response.json();
}
