// The registry's summary report (GET /api/registry/summary) regrouped for the table and the
// chart: the server gives rows per (month, site, model, recipient); the operator picks one of
// site, model or recipient (or none) and sees each milestone per month, split by that choice.

export const MILESTONES = Object.freeze(["produced", "accepted", "allocated", "delivered"]);
export const GROUPINGS = Object.freeze(["none", "site", "model", "recipient"]);

/** The group label a summary row falls in; a unit not yet allocated has no recipient. */
function groupOf(row, groupBy) {
  switch (groupBy) {
    case "none": return "all";
    case "site": return row.siteId;
    case "model": return row.modelId;
    case "recipient": return row.recipient ?? "unallocated";
    default: throw new RangeError(`unknown grouping "${groupBy}" (expected one of ${GROUPINGS.join(", ")})`);
  }
}

/** "yyyy-MM" → the month after it. */
function nextMonth(month) {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** Every month from `first` to `last` inclusive ("yyyy-MM"), so a quiet month is a gap, not skipped. */
export function monthRange(first, last) {
  const re = /^\d{4}-(0[1-9]|1[0-2])$/;
  if (!re.test(first) || !re.test(last)) throw new RangeError(`months must be yyyy-MM (got "${first}", "${last}")`);
  const months = [];
  for (let m = first; m <= last; m = nextMonth(m)) months.push(m);
  return months;
}

/**
 * Sums the rows into cells per (month, group).
 * @returns {{months: string[], groups: string[], cells: Map<string, Record<string, number>>, totals: Record<string, number>}}
 * cells are keyed `${month}|${group}`; months run without gaps from the first to the last one with data.
 */
export function summarise(rows, groupBy) {
  const cells = new Map();
  const groups = new Set();
  const totals = Object.fromEntries(MILESTONES.map((k) => [k, 0]));
  let first = null;
  let last = null;
  for (const row of rows) {
    const group = groupOf(row, groupBy);
    groups.add(group);
    const key = `${row.month}|${group}`;
    const cell = cells.get(key) ?? Object.fromEntries(MILESTONES.map((k) => [k, 0]));
    for (const k of MILESTONES) {
      cell[k] += row[k] ?? 0;
      totals[k] += row[k] ?? 0;
    }
    cells.set(key, cell);
    if (first === null || row.month < first) first = row.month;
    if (last === null || row.month > last) last = row.month;
  }
  return { months: first === null ? [] : monthRange(first, last), groups: [...groups].sort(), cells, totals };
}

/** The value of one milestone in one (month, group); 0 where nothing happened. */
export function cellValue(summary, month, group, milestone) {
  return summary.cells.get(`${month}|${group}`)?.[milestone] ?? 0;
}

/** Table rows: one per (month, group) that has any count, in month then group order. */
export function tableRows(summary) {
  const rows = [];
  for (const month of summary.months) {
    for (const group of summary.groups) {
      const cell = summary.cells.get(`${month}|${group}`);
      if (cell && MILESTONES.some((k) => cell[k] > 0)) rows.push({ month, group, ...cell });
    }
  }
  return rows;
}
