// The field-report page for phones: big buttons, the phone's position or a tap on the map, no sign-in
// needed. A border-police officer may sign in here so that their reports are filed under their account
// and trusted; the session is the console's (cookie + the anti-forgery header on each change, login.js).
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import "./reportPage.css";
import { antiforgeryHeaders, loginErrorText } from "./login.js";
import { COMPASS, buildReport, filedAs, signedInText, thanks } from "./reportForm.js";
import { isTrustedReporter } from "./session.js";

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

// --- the officer's sign-in ------------------------------------------------------------------
const officer = el("section", { class: "officer", "data-testid": "officer" });
const officerStatus = el("p", { class: "officer-status", "data-testid": "officer-status" });
const officerError = el("p", { class: "message", role: "alert", "data-testid": "officer-error" });
const officerUser = el("input", { name: "user", autocomplete: "username", "data-testid": "officer-user", placeholder: "User" });
const officerPassword = el("input", { name: "password", type: "password", autocomplete: "current-password", "data-testid": "officer-password", placeholder: "Password" });
const officerForm = el("form", { class: "officer-form", hidden: "", "data-testid": "officer-form" },
  officerUser, officerPassword, el("button", { type: "submit", class: "big", "data-testid": "officer-submit" }, "Sign in"), officerError);
const openSignIn = el("button", { type: "button", class: "link", "data-testid": "officer-sign-in" }, "Border police? Sign in");
const signOut = el("button", { type: "button", class: "link", "data-testid": "officer-sign-out" }, "Sign out");

let signedInAs = null;

function showOfficer(session) {
  officerForm.hidden = true;
  signedInAs = session?.user ?? null;
  if (session) {
    officerStatus.textContent = signedInText(session.user, isTrustedReporter(session));
    officer.replaceChildren(officerStatus, signOut);
  } else {
    officer.replaceChildren(openSignIn, officerForm);
  }
}

openSignIn.addEventListener("click", () => {
  officerForm.hidden = !officerForm.hidden;
  if (!officerForm.hidden) officerUser.focus();
});

officerForm.addEventListener("submit", async (e) => {
  e.preventDefault();
  officerError.textContent = "";
  try {
    const r = await fetch("/api/session/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ user: officerUser.value, password: officerPassword.value }),
    });
    if (!r.ok) {
      officerError.textContent = await loginErrorText(r);
      return;
    }
    officerPassword.value = "";
    showOfficer(await r.json());
  } catch {
    officerError.textContent = "Sign-in failed: no connection. Try again.";
  }
});

signOut.addEventListener("click", async () => {
  await fetch("/api/session/logout", { method: "POST", headers: antiforgeryHeaders() }).catch(() => {});
  showOfficer(null);
});

showOfficer(null);
root.append(officer, form);
// Still signed in from an earlier visit: say so (this also renews the anti-forgery cookie).
fetch("/api/session", { headers: { Accept: "application/json" } })
  .then((r) => (r.ok ? r.json() : null))
  .then((session) => session && showOfficer(session))
  .catch(() => {});

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
    const headers = { "Content-Type": "application/json", ...antiforgeryHeaders() };
    const r = await fetch("/api/field-reports", { method: "POST", headers, body: JSON.stringify(body) });
    if (r.status === 429) message.textContent = "Too many reports from this connection: please wait a few minutes.";
    else if (!r.ok) message.textContent = `Not sent: ${(await r.json().catch(() => ({}))).detail ?? `HTTP ${r.status}`}`;
    else {
      const report = await r.json();
      message.textContent = thanks(report);
      // The session ran out (idle, or a password reset) between sign-in and sending: say so rather than let the officer think it counted.
      if (signedInAs && !filedAs(report)) {
        message.textContent += " Your sign-in had ended, so it was filed without your name: sign in again.";
        showOfficer(null);
      }
    }
  } catch {
    message.textContent = "Not sent: no connection. Try again.";
  } finally {
    send.disabled = false;
  }
});
