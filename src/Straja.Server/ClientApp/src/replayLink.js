// The replay share link, pure: the location hash "#/?replay=FROM..TO@T" names a replay period and
// the instant in it (UTC, ISO-8601 with Z), so an investigator can send a colleague the exact
// moment. Opening such a link starts replay there (replayView.js). Node tests in
// test/replayLink.test.mjs.

import { MAX_PERIOD_MS } from "./replayModel.js";

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

/** An instant as the link writes it: whole seconds, "2026-11-27T14:05:09Z". */
export function linkTime(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** The hash for a replay of [fromMs, toMs] at tMs (the instant to the second). */
export function replayHash({ fromMs, toMs, tMs }) {
  return `#/?replay=${linkTime(fromMs)}..${linkTime(toMs)}@${linkTime(tMs)}`;
}

/**
 * Reads a location hash: null when it names no replay (the live map), otherwise the period and
 * instant, or { error } naming the part that is wrong. The instant must lie in the period.
 */
export function parseReplayHash(hash) {
  const query = /^#\/?\?(.*)$/.exec(hash ?? "");
  if (query === null) return null;
  const value = new URLSearchParams(query[1]).get("replay");
  if (value === null) return null;
  const m = /^([^.@]+)\.\.([^@]+)@(.+)$/.exec(value);
  if (m === null) return { error: `replay link: "${value}" is not FROM..TO@INSTANT` };
  const read = (text) => (ISO.test(text) ? Date.parse(text) : NaN);
  const [fromMs, toMs, tMs] = [read(m[1]), read(m[2]), read(m[3])];
  if (Number.isNaN(fromMs)) return { error: `replay link: from "${m[1]}" is not a UTC time such as 2026-11-27T14:00:00Z` };
  if (Number.isNaN(toMs)) return { error: `replay link: to "${m[2]}" is not a UTC time such as 2026-11-27T14:15:00Z` };
  if (Number.isNaN(tMs)) return { error: `replay link: instant "${m[3]}" is not a UTC time such as 2026-11-27T14:05:00Z` };
  if (toMs <= fromMs) return { error: "replay link: to must be after from" };
  if (toMs - fromMs > MAX_PERIOD_MS) return { error: "replay link: a replay period is at most 24 hours" };
  if (tMs < fromMs || tMs > toMs) return { error: `replay link: instant ${m[3]} is outside the period ${m[1]}..${m[2]}` };
  return { fromMs, toMs, tMs };
}
