// The selected track's detail panel, refreshed with each picture. When the selected track
// drops out of the picture the panel says so rather than showing stale numbers as live. In
// replay the same panel shows a replayed track's recorded state, marked as recorded.

import * as fmt from "./format.js";
import { colourFor } from "./symbols.js";

/**
 * Renders the detail of `track` (undefined: the selected track is not in the picture). With
 * `replayAt` (an ISO instant) it is a replayed track's recorded state: marked as such, with only
 * what the record keeps, and "not in the picture" means not seen at that instant.
 */
export function renderDetail(panel, selectedId, track, pictureTime, { replayAt = null } = {}) {
  if (selectedId === null) {
    panel.replaceChildren(note(replayAt ? "Click a replayed track to see its recorded state." : "Click a track to see its details."));
    panel.classList.remove("has-track");
    return;
  }
  panel.classList.add("has-track");
  const banner = replayAt ? [recordedNote(replayAt)] : [];
  if (track === undefined) {
    const gone = replayAt ? "Not in the replayed picture at this instant (not seen then)." : "Track not in the current picture (dropped).";
    panel.replaceChildren(title(selectedId, "#cccccc"), ...banner, note(gone));
    return;
  }
  const dl = document.createElement("dl");
  for (const [k, v] of detailRows(track, { pictureTime, replayAt })) {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = v;
    dl.append(dt, dd);
  }
  panel.replaceChildren(title(track.id, colourFor(track)), ...banner, dl);
}

/**
 * The detail's term/definition rows. A replayed track (`replayAt` set) has only what a recorded
 * point keeps (class, identity, status, kinematics, position) and the point it was read from.
 */
export function detailRows(track, { pictureTime = null, replayAt = null } = {}) {
  const kinematics = [
    ["Altitude", fmt.altitude(track.altM)],
    ["Speed", fmt.speed(track.speedMps)],
    ["Heading", fmt.heading(track.headingDeg)],
  ];
  if (replayAt) {
    const interpolated = track.recordedAt && Date.parse(track.recordedAt) !== Date.parse(replayAt);
    return [
      ["Class", track.class ?? "—"],
      ["Identity", track.identity ?? "—"],
      ["Status", track.status ?? "—"],
      ...kinematics,
      ["Position", fmt.latLon(track.lat, track.lon)],
      ["Recorded point", track.recordedAt
        ? `${fmt.utcHms(track.recordedAt)}Z${interpolated ? " (interpolated to the replay instant)" : ""}`
        : "—"],
    ];
  }
  return [
    ["Class", fmt.classWithProbability(track.class, track.classProbability)],
    ...classRows(track),
    ["Identity", identityText(track)],
    ...identityRows(track.identityDetail),
    ["Status", track.status ?? "—"],
    ["Cooperative id", track.cooperativeId ?? "—"],
    ["Callsign", track.callsign ?? "—"],
    ...kinematics,
    ["Climb", Number.isFinite(track.vUpMps) ? `${track.vUpMps.toFixed(1)} m/s` : "—"],
    ["Position", fmt.latLon(track.lat, track.lon)],
    ["Position σ", Number.isFinite(track.positionSigmaM) ? `${Math.round(track.positionSigmaM)} m` : "—"],
    ["Sensors", Array.isArray(track.sensors) && track.sensors.length ? track.sensors.join(", ") : "—"],
    ["Last update", `${fmt.utcHms(track.lastUpdate)}Z (${fmt.ageSeconds(track.lastUpdate, pictureTime)} ago)`],
  ];
}

function recordedNote(replayAt) {
  const p = document.createElement("p");
  p.className = "recorded-note";
  p.setAttribute("data-testid", "detail-recorded");
  p.textContent = `recorded — replay at ${fmt.utcHms(replayAt)}Z`;
  return p;
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

/** The runner-up classes and the evidence behind the class: "fixed-wing 18 %", "radar-isaccea → multirotor (0.62)". */
export function classRows(track) {
  const rows = [];
  const probs = track.classProbabilities;
  if (probs && typeof probs === "object") {
    const others = Object.entries(probs)
      .filter(([name, p]) => name !== track.class && p >= 0.05)
      .sort((a, b) => b[1] - a[1])
      .map(([name, p]) => `${name} ${Math.round(p * 100)} %`);
    if (others.length) rows.push(["Or", others.join(", ")]);
  }
  if (Array.isArray(track.classEvidence) && track.classEvidence.length) {
    rows.push(["Class evidence", track.classEvidence.map((e) => `${e.source} → ${e.class} (${e.weight.toFixed(2)})`).join("; ")]);
  }
  return rows;
}

const BASIS_TEXT = Object.freeze({
  "registry-proof": "signed by a registered unit",
  "registry-unproven": "registered identity broadcast without proof — possible spoofing",
  "registry-not-in-service": "registered unit that is not in service",
  "civil-remote-id": "civil operator (unregistered Remote ID)",
  "friendly-list": "on the friendly aircraft list",
  "civil-transponder": "civil transponder",
});

/** The identity line: "friendly (allied)", "suspect — registered identity broadcast without proof …". */
export function identityText(track) {
  const identity = track.identity ?? "unknown";
  const d = track.identityDetail;
  if (!d) return identity;
  const allied = d.allied ? " (allied)" : "";
  const why = BASIS_TEXT[d.basis];
  return why ? `${identity}${allied} — ${why}` : `${identity}${allied}`;
}

/** Registry and broadcast facts for the detail panel: unit, model, recipient, state, operator id (those present). */
export function identityRows(d) {
  if (!d) return [];
  const rows = [];
  if (d.unitSerial) rows.push(["Unit", d.unitSerial]);
  if (d.model) rows.push(["Model", d.model]);
  if (d.recipient) rows.push(["Recipient", d.recipient]);
  if (d.unitState && d.unitState !== "in-service") rows.push(["Unit state", d.unitState]);
  if (d.operatorId) rows.push(["Operator id", d.operatorId]);
  return rows;
}
