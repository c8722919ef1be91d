// REST calls to the Straja server (same origin). Errors name the endpoint and the status so
// that the status line tells the operator what failed.

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
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

export async function acknowledgeAlert(alertId, by = "operator") {
  const path = `/api/alerts/${encodeURIComponent(alertId)}/ack`;
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ by }),
  });
  if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status}`);
  return response.json();
}
