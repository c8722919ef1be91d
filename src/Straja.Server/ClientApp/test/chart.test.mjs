import { test } from "node:test";
import assert from "node:assert/strict";
import { groupedStackedBars, niceScale } from "../src/chart.js";

test("The y scale is 0 to a round number at or above the maximum, in 1-2-5 steps", () => {
  assert.deepEqual(niceScale(7), { max: 8, step: 2, ticks: [0, 2, 4, 6, 8] });
  assert.deepEqual(niceScale(100), { max: 100, step: 20, ticks: [0, 20, 40, 60, 80, 100] });
  assert.equal(niceScale(3).step, 1);
  assert.deepEqual(niceScale(0), { max: 1, step: 1, ticks: [0, 1] });
});

test("For any maximum the scale covers it and has at most about ten ticks", () => {
  for (let v = 1; v < 100000; v = Math.ceil(v * 1.37)) {
    const s = niceScale(v);
    assert.ok(s.max >= v, `max ${s.max} < ${v}`);
    assert.ok(s.ticks.length <= 11, `${s.ticks.length} ticks for ${v}`);
    assert.ok(s.max - s.step < v, `${s.max} overshoots ${v} by a whole step`);
  }
});

const table = {
  "Jan|produced|a": 4, "Jan|produced|b": 2, "Jan|accepted|a": 1,
  "Mar|produced|b": 3, "Mar|delivered|a": 2,
};
const data = (stacks) => ({
  categories: ["Jan", "Feb", "Mar"],
  series: ["produced", "accepted", "delivered"],
  stacks,
  value: (c, s, k) => table[`${c}|${s}|${k}`] ?? 0,
});
const size = { width: 600, height: 300, margin: { top: 10, right: 10, bottom: 40, left: 50 } };

test("One bar per (category, series) with a count; empty ones are left out", () => {
  const layout = groupedStackedBars(data(["a", "b"]), size);
  assert.deepEqual(layout.bars.map((b) => `${b.category}/${b.series}=${b.total}`),
    ["Jan/produced=6", "Jan/accepted=1", "Mar/produced=3", "Mar/delivered=2"]);
});

test("Stacked segments sit on each other from the baseline and their heights are proportional", () => {
  const layout = groupedStackedBars(data(["a", "b"]), size);
  const baseline = size.margin.top + layout.plot.height;
  const jan = layout.bars[0];
  assert.equal(jan.segments.length, 2);
  assert.ok(Math.abs(jan.segments[0].y + jan.segments[0].height - baseline) < 1e-9);
  assert.ok(Math.abs(jan.segments[1].y + jan.segments[1].height - jan.segments[0].y) < 1e-9);
  assert.ok(Math.abs(jan.segments[0].height / jan.segments[1].height - 2) < 1e-9);
  // The tallest bar (6) reaches the top of a 0-6 scale in steps of 2.
  assert.ok(jan.segments[1].y >= layout.plot.y - 1e-9);
  assert.deepEqual(layout.yTicks.map((t) => t.value), [0, 2, 4, 6]);
  assert.ok(Math.abs(jan.segments[1].y - layout.plot.y) < 1e-9);
});

test("Bars of one category stay inside its band, in series order, without overlapping", () => {
  const layout = groupedStackedBars(data(["a", "b"]), size);
  const band = layout.plot.width / 3;
  for (const b of layout.bars) {
    const ci = ["Jan", "Feb", "Mar"].indexOf(b.category);
    assert.ok(b.x >= layout.plot.x + ci * band && b.x + b.width <= layout.plot.x + (ci + 1) * band + 1e-9, `${b.category}/${b.series}`);
  }
  const [p, a] = layout.bars;
  assert.ok(p.x + p.width <= a.x + 1e-9);
});

test("Colours follow the groups when there are several and the series when there is one", () => {
  const grouped = groupedStackedBars(data(["a", "b"]), size);
  assert.deepEqual(grouped.legend.map((l) => l.label), ["a", "b"]);
  assert.notEqual(grouped.bars[0].segments[0].colour, grouped.bars[0].segments[1].colour);
  const single = groupedStackedBars({ ...data(["a"]), value: (c, s) => (c === "Jan" ? 1 : 0) }, size);
  assert.deepEqual(single.legend.map((l) => l.label), ["produced", "accepted", "delivered"]);
  assert.notEqual(single.bars[0].segments[0].colour, single.bars[1].segments[0].colour);
});

test("Month labels are thinned so they do not overlap on a narrow chart", () => {
  const categories = Array.from({ length: 24 }, (_, i) => `M${i}`);
  const layout = groupedStackedBars({ categories, series: ["produced"], stacks: ["all"], value: () => 1 },
    { width: 400, height: 200 });
  assert.equal(layout.bars.length, 24);
  const xs = layout.categoryLabels.map((l) => l.x);
  for (let i = 1; i < xs.length; i++) assert.ok(xs[i] - xs[i - 1] >= 48 - 1e-9);
});

test("An empty chart has no bars and a unit scale", () => {
  const layout = groupedStackedBars({ categories: [], series: ["produced"], stacks: [], value: () => 0 }, size);
  assert.equal(layout.bars.length, 0);
  assert.deepEqual(layout.yTicks.map((t) => t.value), [0, 1]);
});
