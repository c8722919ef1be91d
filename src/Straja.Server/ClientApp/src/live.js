// The live feed: one WebSocket to /api/live, reconnected with back-off whenever it closes.
// Messages are JSON text: {type:"picture", time, tracks} (a full picture, replacing the
// previous one) and {type:"alert", alert}. Anything else is reported and ignored.

import { reconnectDelayMs } from "./backoff.js";

export function liveUrl(location) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/api/live`;
}

/**
 * handlers: { onPicture(msg), onAlert(alert), onState(state, detail), onError(text) }.
 * state is "connecting" | "live" | "reconnecting"; detail carries the delay in ms when
 * reconnecting. Returns { close() }.
 */
export function connectLive(url, handlers, random = Math.random) {
  let socket = null;
  let attempt = 0;
  let timer = null;
  let closed = false;

  const open = () => {
    handlers.onState("connecting");
    socket = new WebSocket(url);
    socket.addEventListener("open", () => {
      attempt = 0;
      handlers.onState("live");
    });
    socket.addEventListener("message", (event) => dispatch(event.data, handlers));
    socket.addEventListener("close", () => {
      socket = null;
      if (closed) return;
      const delay = reconnectDelayMs(attempt++, random);
      handlers.onState("reconnecting", { delayMs: delay });
      timer = setTimeout(open, delay);
    });
    // Errors are always followed by "close", which schedules the reconnect.
  };

  open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    },
  };
}

export function dispatch(text, handlers) {
  let msg;
  try {
    msg = JSON.parse(text);
  } catch (e) {
    handlers.onError(`live feed: message is not JSON (${e.message})`);
    return;
  }
  if (msg?.type === "picture") {
    if (!Array.isArray(msg.tracks)) {
      handlers.onError('live feed: picture message has no "tracks" array');
      return;
    }
    handlers.onPicture(msg);
  } else if (msg?.type === "alert") {
    if (msg.alert === null || typeof msg.alert !== "object") {
      handlers.onError('live feed: alert message has no "alert" object');
      return;
    }
    handlers.onAlert(msg.alert);
  } else {
    handlers.onError(`live feed: unknown message type ${JSON.stringify(msg?.type)}`);
  }
}
