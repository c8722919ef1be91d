// The alert-rules document as text, for the rules editor. The server reads it as JSON with comments
// and trailing commas (the built-in file has comments), so JSON.parse cannot be used on it. This
// parser keeps where every value is, which gives two things: the server's refusal
// ("rules[0].when.all[1].class[0]: …") can point at the line it means, and the per-rule quick edits
// change only the characters of one value, so an admin's comments and layout survive them. Pure.

export class JsoncError extends Error {
  constructor(message, offset, line) {
    super(`line ${line}: ${message}`);
    this.name = "JsoncError";
    this.offset = offset;
    this.line = line;
  }
}

/**
 * Parses JSON with comments and trailing commas. Nodes: {type, start, end, value} for primitives,
 * {type: "object", members: [{key, keyStart, node}]}, {type: "array", items: [node]}; start/end are
 * offsets into `text` (end exclusive).
 */
export function parseJsonc(text) {
  let i = 0;
  const fail = (message, at = i) => {
    throw new JsoncError(message, at, lineAt(text, at));
  };

  function skip() {
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      if (text.startsWith("//", i)) {
        const nl = text.indexOf("\n", i);
        i = nl < 0 ? text.length : nl + 1;
      } else if (text.startsWith("/*", i)) {
        const close = text.indexOf("*/", i + 2);
        if (close < 0) fail("comment is not closed");
        i = close + 2;
      } else {
        return;
      }
    }
  }

  function string() {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\n") fail("string is not closed on its line", start);
      i += text[i] === "\\" ? 2 : 1;
    }
    if (i >= text.length) fail("string is not closed", start);
    i++;
    try {
      return { type: "string", start, end: i, value: JSON.parse(text.slice(start, i)) };
    } catch {
      return fail("bad escape in string", start);
    }
  }

  function value() {
    skip();
    const start = i;
    const c = text[i];
    if (c === "{") return object();
    if (c === "[") return array();
    if (c === '"') return string();
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = i;
    const m = number.exec(text);
    if (m && m[0].length > 0 && m[0] !== "-") {
      i += m[0].length;
      return { type: "number", start, end: i, value: Number(m[0]) };
    }
    for (const [word, v] of [["true", true], ["false", false], ["null", null]]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { type: v === null ? "null" : "boolean", start, end: i, value: v };
      }
    }
    return fail(i >= text.length ? "unexpected end of the document" : `unexpected '${c}'`);
  }

  // Objects and arrays share the walk: open, items separated by commas (a trailing one allowed), close.
  function list(close, item) {
    i++;
    for (;;) {
      skip();
      if (text[i] === close) return void i++;
      item();
      skip();
      if (text[i] === ",") i++;
      else if (text[i] !== close) fail(`expected ',' or '${close}'`);
    }
  }

  function object() {
    const node = { type: "object", start: i, end: 0, members: [] };
    list("}", () => {
      if (text[i] !== '"') fail("expected a quoted key");
      const key = string();
      skip();
      if (text[i] !== ":") fail("expected ':' after the key");
      i++;
      node.members.push({ key: key.value, keyStart: key.start, node: value() });
    });
    node.end = i;
    return node;
  }

  function array() {
    const node = { type: "array", start: i, end: 0, items: [] };
    list("]", () => node.items.push(value()));
    node.end = i;
    return node;
  }

  const root = value();
  skip();
  if (i < text.length) fail("text after the end of the document");
  return root;
}

/** The plain value of a parsed node. */
export function toValue(node) {
  if (node.type === "object") return Object.fromEntries(node.members.map((m) => [m.key, toValue(m.node)]));
  if (node.type === "array") return node.items.map(toValue);
  return node.value;
}

/** "rules[0].when.all[1].class[0]" → ["rules", 0, "when", "all", 1, "class", 0]; "$" → []. */
export function parsePath(path) {
  const steps = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  for (const m of String(path).replace(/^\$\.?/, "").matchAll(re)) steps.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return steps;
}

/** 1-based line of an offset. */
export function lineAt(text, offset) {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text[k] === "\n") line++;
  return line;
}

/**
 * Where in `text` the server's fault path points: {start, end, line, exact}. The path is either a
 * JSON path or "line N" (the document is not JSON). A path to something missing ("…when: required")
 * points at the deepest part that exists, with exact false. Null when the text cannot be read.
 */
export function locate(text, path) {
  const byLine = /^line (\d+)$/.exec(String(path ?? ""));
  if (byLine) {
    const n = Number(byLine[1]);
    let start = 0;
    for (let l = 1; l < n; l++) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) return null;
      start = nl + 1;
    }
    const nl = text.indexOf("\n", start);
    return { start, end: nl < 0 ? text.length : nl, line: n, exact: true };
  }
  let root;
  try {
    root = parseJsonc(text);
  } catch {
    return null;
  }
  let node = root;
  let start = root.start;
  let exact = true;
  for (const step of parsePath(path)) {
    let next = null;
    if (typeof step === "number" && node.type === "array") {
      next = node.items[step] ?? null;
      if (next) start = next.start;
    } else if (typeof step === "string" && node.type === "object") {
      const member = node.members.find((m) => m.key === step);
      if (member) {
        next = member.node;
        start = member.keyStart; // an unknown key is the fault itself: show it with its value
      }
    }
    if (next === null) {
      exact = false;
      start = node.start;
      break;
    }
    node = next;
  }
  return { start, end: node.end, line: lineAt(text, start), exact };
}

/**
 * The document with one field of rule `index` set (enabled, severity, cooldownS, …): the value is
 * replaced where it stands, or added after the rule's id, and nothing else in the text moves.
 */
export function setRuleField(text, index, key, value) {
  const rule = ruleNode(parseJsonc(text), index);
  const json = JSON.stringify(value);
  const member = rule.members.find((m) => m.key === key);
  if (member) return text.slice(0, member.node.start) + json + text.slice(member.node.end);
  const id = rule.members.find((m) => m.key === "id");
  if (id) return text.slice(0, id.node.end) + `, ${JSON.stringify(key)}: ${json}` + text.slice(id.node.end);
  const open = rule.start + 1;
  const sep = rule.members.length > 0 ? "," : "";
  return text.slice(0, open) + ` ${JSON.stringify(key)}: ${json}${sep}` + text.slice(open);
}

/** The parsed rules of a document (plain values), or throws JsoncError / Error naming what is wrong. */
export function rulesOf(text) {
  return rulesList(parseJsonc(text)).items.map(toValue);
}

function rulesList(root) {
  const list = root.type === "object" ? root.members.find((m) => m.key === "rules")?.node : null;
  if (!list || list.type !== "array") throw new Error('expected an object with a "rules" array');
  return list;
}

function ruleNode(root, index) {
  const rule = rulesList(root).items[index];
  if (!rule || rule.type !== "object") throw new Error(`rules[${index}] is not a rule object`);
  return rule;
}
