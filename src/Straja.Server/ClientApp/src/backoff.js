// Reconnect delays for the live feed: exponential from `initialMs`, capped at `maxMs`, with
// jitter drawn from an injected random source so that many consoles restarting with the
// server do not reconnect in lock step.

export function reconnectDelayMs(attempt, random, initialMs = 500, maxMs = 15000) {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt));
  // Between 50 % and 100 % of the base delay.
  return Math.round(base * (0.5 + 0.5 * random()));
}
