// The field-report page for phones: big buttons, the phone's position or a tap on the map, no sign-in.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import "./reportPage.css";
import { COMPASS, buildReport, thanks } from "./reportForm.js";

const root = document.getElementById("report");
const state = { position: null, sense: null, look: null, elevation: null, went: null, count: 1, text: "" };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

function choice(name, values, labels = values) {
  const group = el("div", { class: "choices", "data-testid": `choice-${name}` });
  values.forEach((v, i) => {
    const b = el("button", { type: "button", "data-value": v, "data-testid": `${name}-${v}` }, labels[i]);
    b.addEventListener("click", () => {
      state[name] = state[name] === v ? null : v;
      for (const x of group.children) x.classList.toggle("on", x.dataset.value === state[name]);
    });
    group.append(b);
  });
  return group;
}

const where = el("p", { class: "where", "data-testid": "where" }, "Where are you? Use your location or tap the map.");
const mapDiv = el("div", { class: "report-map", "data-testid": "report-map" });
const locate = el("button", { type: "button", class: "big", "data-testid": "use-location" }, "Use my location");
const message = el("p", { class: "message", role: "status", "data-testid": "report-message" });
const count = el("input", { type: "number", min: "1", max: "1000", value: "1", inputmode: "numeric", "data-testid": "count" });
const text = el("textarea", { rows: "3", placeholder: "What did it look or sound like?", "data-testid": "description" });
const send = el("button", { type: "submit", class: "big send", "data-testid": "send-report" }, "Send report");

function setPosition(lat, lon, how) {
  state.position = { lat, lon };
  where.textContent = `${how}: ${lat.toFixed(4)}, ${lon.toFixed(4)}`;
  marker.setLatLng([lat, lon]).addTo(map);
}

locate.addEventListener("click", () => {
  if (!navigator.geolocation) {
    where.textContent = "This phone cannot give its location: tap the map instead.";
    return;
  }
  where.textContent = "Finding your location…";
  navigator.geolocation.getCurrentPosition(
    (p) => setPosition(p.coords.latitude, p.coords.longitude, "Your location"),
    () => (where.textContent = "No location (permission refused?): tap the map instead."),
    { enableHighAccuracy: true, timeout: 15000 },
  );
});

const form = el("form", { novalidate: "" },
  el("section", {}, el("h2", {}, "1. Where"), locate, where, mapDiv),
  el("section", {}, el("h2", {}, "2. Seen or heard"), choice("sense", ["seen", "heard"], ["I saw it", "I heard it"])),
  el("section", {}, el("h2", {}, "3. Which way were you looking?"), choice("look", COMPASS)),
  el("section", {}, el("h2", {}, "How high?"), choice("elevation", ["low", "mid", "high"], ["Low", "Half-way up", "High"])),
  el("section", {}, el("h2", {}, "4. Which way did it go?"), choice("went", COMPASS)),
  el("section", {}, el("h2", {}, "5. How many"), count, text),
  send, message);
root.append(form);

const map = L.map(mapDiv, { zoomControl: true, attributionControl: false }).setView([45.3, 28.3], 8);
const marker = L.circleMarker([0, 0], { radius: 9, color: "#ffcc00", weight: 3 });
fetch("/api/geo/countries").then((r) => (r.ok ? r.json() : null)).then((g) => {
  if (g) L.geoJSON(g, { interactive: false, style: { color: "#667", weight: 1, fillColor: "#223", fillOpacity: 1 } }).addTo(map);
}).catch(() => {});
map.on("click", (e) => setPosition(e.latlng.lat, e.latlng.lng, "Map point"));

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  state.count = Number(count.value) || 1;
  state.text = text.value;
  const { body, missing } = buildReport(state);
  if (missing) {
    message.textContent = `Please tell us ${missing.join(" and ")}.`;
    return;
  }
  send.disabled = true;
  message.textContent = "Sending…";
  try {
    const r = await fetch("/api/field-reports", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (r.status === 429) message.textContent = "Too many reports from this connection: please wait a few minutes.";
    else if (!r.ok) message.textContent = `Not sent: ${(await r.json().catch(() => ({}))).detail ?? `HTTP ${r.status}`}`;
    else message.textContent = thanks(await r.json());
  } catch {
    message.textContent = "Not sent: no connection. Try again.";
  } finally {
    send.disabled = false;
  }
});
