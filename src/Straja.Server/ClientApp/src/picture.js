// Judgements about the picture that the header and the track layer share. Pure functions of
// their arguments: the caller passes the clock reading, so the rules can be tested.

/** No picture message for longer than this (by arrival in the browser) makes the feed stale. */
export const STALE_AFTER_MS = 3000;

/**
 * Whether the feed is stale: no picture message received for more than `staleAfterMs`.
 * Judged on receive times only (both readings from the same browser clock), never on the
 * picture's own time against the wall clock: a demo run at 10x has picture time far ahead of
 * the wall clock and is still perfectly live. Before the first picture nothing is stale: the
 * clock shows dashes instead.
 */
export function isStale(lastReceivedMs, nowMs, staleAfterMs = STALE_AFTER_MS) {
  if (lastReceivedMs === null || !Number.isFinite(lastReceivedMs)) return false;
  return nowMs - lastReceivedMs > staleAfterMs;
}

/**
 * A track the tracker has not confirmed yet (radar clutter makes many short-lived ones).
 * Anything other than an explicit "tentative" is treated as confirmed, so a track is never
 * hidden because of a status value this console does not know.
 */
export function isTentative(track) {
  return track?.status === "tentative";
}

/** Number of confirmed tracks in a picture. */
export function countConfirmed(tracks) {
  let n = 0;
  for (const t of tracks) if (!isTentative(t)) n++;
  return n;
}

/**
 * The index of the drawn track nearest to (x, y) within `radiusPx`, or -1. A confirmed track
 * wins over a nearer tentative one: a click beside a full symbol is meant for it, not for a
 * clutter diamond next to it. `xs`, `ys` are screen positions and `visible`, `tentative` 0/1
 * flags, of which the first `n` entries are in use (the track layer reuses its arrays).
 */
export function pickIndex({ xs, ys, visible, tentative, n }, x, y, radiusPx) {
  const best = [-1, -1]; // [confirmed, tentative]
  const bestD2 = [radiusPx * radiusPx, radiusPx * radiusPx];
  for (let i = 0; i < n; i++) {
    if (!visible[i]) continue;
    const dx = xs[i] - x;
    const dy = ys[i] - y;
    const d2 = dx * dx + dy * dy;
    const k = tentative[i] ? 1 : 0;
    if (d2 <= bestD2[k]) {
      bestD2[k] = d2;
      best[k] = i;
    }
  }
  return best[0] >= 0 ? best[0] : best[1];
}
