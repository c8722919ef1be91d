// The selected track's detail panel, refreshed with each picture. When the selected track
// drops out of the picture the panel says so rather than showing stale numbers as live.

import * as fmt from "./format.js";
import { colourFor } from "./symbols.js";

export function renderDetail(panel, selectedId, track, pictureTime) {
  if (selectedId === null) {
    panel.replaceChildren(note("Click a track to see its details."));
    panel.classList.remove("has-track");
    return;
  }
  panel.classList.add("has-track");
  if (track === undefined) {
    panel.replaceChildren(title(selectedId, "#cccccc"), note("Track not in the current picture (dropped)."));
    return;
  }
  const rows = [
    ["Class", fmt.classWithProbability(track.class, track.classProbability)],
    ["Identity", track.identity ?? "unknown"],
    ["Status", track.status ?? "—"],
    ["Cooperative id", track.cooperativeId ?? "—"],
    ["Callsign", track.callsign ?? "—"],
    ["Altitude", fmt.altitude(track.altM)],
    ["Speed", fmt.speed(track.speedMps)],
    ["Heading", fmt.heading(track.headingDeg)],
    ["Climb", Number.isFinite(track.vUpMps) ? `${track.vUpMps.toFixed(1)} m/s` : "—"],
    ["Position", fmt.latLon(track.lat, track.lon)],
    ["Position σ", Number.isFinite(track.positionSigmaM) ? `${Math.round(track.positionSigmaM)} m` : "—"],
    ["Sensors", Array.isArray(track.sensors) && track.sensors.length ? track.sensors.join(", ") : "—"],
    ["Last update", `${fmt.utcHms(track.lastUpdate)}Z (${fmt.ageSeconds(track.lastUpdate, pictureTime)} ago)`],
  ];
  const dl = document.createElement("dl");
  for (const [k, v] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = v;
    dl.append(dt, dd);
  }
  panel.replaceChildren(title(track.id, colourFor(track)), dl);
}

function title(text, colour) {
  const h = document.createElement("h2");
  h.textContent = text;
  h.style.color = colour;
  h.setAttribute("data-testid", "selected-track");
  return h;
}

function note(text) {
  const p = document.createElement("p");
  p.className = "note";
  p.textContent = text;
  return p;
}
