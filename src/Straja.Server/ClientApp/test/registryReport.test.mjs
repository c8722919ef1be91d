import { test } from "node:test";
import assert from "node:assert/strict";
import { MILESTONES, cellValue, monthRange, summarise, tableRows } from "../src/registryReport.js";

const row = (month, siteId, modelId, recipient, produced, accepted, allocated, delivered) =>
  ({ month, siteId, modelId, recipient, produced, accepted, allocated, delivered });

const rows = [
  row("2026-01", "brasov", "hawk", null, 4, 0, 0, 0),
  row("2026-01", "brasov", "hawk", "PL", 2, 0, 0, 0),
  row("2026-03", "brasov", "hawk", "PL", 0, 2, 2, 1),
  row("2026-03", "bacau", "owl", "RO", 3, 3, 1, 0),
];

test("Months run without gaps, across a year end", () => {
  assert.deepEqual(monthRange("2025-11", "2026-02"), ["2025-11", "2025-12", "2026-01", "2026-02"]);
  assert.deepEqual(monthRange("2026-03", "2026-03"), ["2026-03"]);
  assert.throws(() => monthRange("2026-13", "2026-14"), /yyyy-MM/);
});

test("Without grouping every row sums into one group per month, with the quiet month present", () => {
  const s = summarise(rows, "none");
  assert.deepEqual(s.months, ["2026-01", "2026-02", "2026-03"]);
  assert.deepEqual(s.groups, ["all"]);
  assert.equal(cellValue(s, "2026-01", "all", "produced"), 6);
  assert.equal(cellValue(s, "2026-02", "all", "produced"), 0);
  assert.equal(cellValue(s, "2026-03", "all", "accepted"), 5);
  assert.deepEqual(s.totals, { produced: 9, accepted: 5, allocated: 3, delivered: 1 });
});

test("Grouping by recipient keeps unallocated units apart", () => {
  const s = summarise(rows, "recipient");
  assert.deepEqual(s.groups, ["PL", "RO", "unallocated"]);
  assert.equal(cellValue(s, "2026-01", "unallocated", "produced"), 4);
  assert.equal(cellValue(s, "2026-03", "PL", "delivered"), 1);
});

test("Grouping never changes the totals", () => {
  const totals = summarise(rows, "none").totals;
  for (const g of ["site", "model", "recipient"]) assert.deepEqual(summarise(rows, g).totals, totals, g);
});

test("Table rows are the non-empty (month, group) cells in order", () => {
  const t = tableRows(summarise(rows, "site"));
  assert.deepEqual(t.map((r) => `${r.month} ${r.group}`), ["2026-01 brasov", "2026-03 bacau", "2026-03 brasov"]);
  assert.deepEqual(MILESTONES.map((k) => t[1][k]), [3, 3, 1, 0]);
});

test("No rows: no months, and an unknown grouping is an error naming it", () => {
  assert.deepEqual(summarise([], "model").months, []);
  assert.throws(() => summarise(rows, "colour"), /unknown grouping "colour"/);
});
