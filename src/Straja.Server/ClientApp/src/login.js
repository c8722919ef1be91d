// Sign-in for the console. The page asks GET /api/session first; on 401 it shows a sign-in form
// over the (still empty) console and continues once the server has set the session cookie.
// Changes are protected against cross-site forgery by double submit: the server sets the
// XSRF-TOKEN cookie at sign-in, and every change echoes it in the X-XSRF-TOKEN header, which a
// page on another site cannot read or set.

const ANTIFORGERY_COOKIE = "XSRF-TOKEN";
const ANTIFORGERY_HEADER = "X-XSRF-TOKEN";

/** The header a state-changing request must carry (empty when not signed in). */
export function antiforgeryHeaders(cookies = globalThis.document?.cookie ?? "") {
  const entry = cookies
    .split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${ANTIFORGERY_COOKIE}=`));
  return entry ? { [ANTIFORGERY_HEADER]: decodeURIComponent(entry.slice(ANTIFORGERY_COOKIE.length + 1)) } : {};
}

/** The server said 401: the session ended (logout elsewhere, password reset, expiry). Start over at sign-in. */
export function sessionEnded() {
  window.location.reload();
}

/** What the operator reads after a refused sign-in. */
export async function loginErrorText(response) {
  if (response.status === 401) return "Wrong user name or password.";
  let detail = "";
  try {
    detail = (await response.json())?.detail ?? "";
  } catch {
    // not JSON: the status alone says it
  }
  if (response.status === 423) return `Account locked: ${detail}`;
  return `Sign-in failed (HTTP ${response.status}) ${detail}`.trim();
}

/** Resolves with {user, roles} once someone is signed in, showing the form if needed. */
export async function requireSession() {
  const response = await fetch("/api/session", { headers: { Accept: "application/json" } });
  if (response.ok) return response.json();
  if (response.status !== 401) throw new Error(`GET /api/session: HTTP ${response.status}`);
  return showLoginForm();
}

function showLoginForm() {
  const overlay = document.createElement("div");
  overlay.className = "login-overlay";
  overlay.innerHTML = `
    <form class="login-box" data-testid="login-form" autocomplete="on">
      <div class="brand">STRAJA</div>
      <label>User <input name="user" data-testid="login-user" autocomplete="username" required autofocus /></label>
      <label>Password <input name="password" type="password" data-testid="login-password" autocomplete="current-password" required /></label>
      <button type="submit" data-testid="login-submit">Sign in</button>
      <p class="login-error" data-testid="login-error" role="alert"></p>
    </form>`;
  document.body.append(overlay);
  const form = overlay.querySelector("form");
  const error = overlay.querySelector(".login-error");
  return new Promise((resolve) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.textContent = "";
      const body = { user: form.elements.user.value, password: form.elements.password.value };
      try {
        const response = await fetch("/api/session/login", {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(body),
        });
        if (!response.ok) {
          error.textContent = await loginErrorText(response);
          form.elements.password.select();
          return;
        }
        overlay.remove();
        resolve(await response.json());
      } catch (e) {
        error.textContent = `Sign-in failed: ${e.message}`;
      }
    });
  });
}

/** The signed-in user's name and roles, and the sign-out button, in the top bar. */
export function showSignedIn(container, session) {
  container.replaceChildren();
  const name = document.createElement("span");
  name.className = "big";
  name.dataset.testid = "user-name";
  name.textContent = session.user;
  name.title = `roles: ${session.roles.join(", ")}`;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "logout";
  button.dataset.testid = "logout-button";
  button.textContent = "sign out";
  button.addEventListener("click", async () => {
    await fetch("/api/session/logout", { method: "POST", headers: antiforgeryHeaders() }).catch(() => {});
    sessionEnded();
  });
  container.append(name, button);
}
