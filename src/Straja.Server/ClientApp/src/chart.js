// Layout of a grouped, stacked bar chart in SVG user units: for each category (a month) one bar
// per series (a milestone), each bar stacked by group (site, model or recipient). Pure numbers
// here — chartSvg.js turns them into elements — so the geometry is node-tested.

export const PALETTE = Object.freeze([
  "#5aa9e6", "#7fd1a8", "#ffb347", "#c792ea", "#ff7b7b", "#e6d35a", "#4fd1c5", "#f78fb3", "#a0aec0", "#9ae66e",
]);

/**
 * A y axis from 0 to a round maximum ≥ maxValue with about `targetTicks` steps of 1, 2 or 5 × 10^n.
 * Counts are whole, so the step is never below 1.
 */
export function niceScale(maxValue, targetTicks = 5) {
  if (!(maxValue > 0)) return { max: 1, step: 1, ticks: [0, 1] };
  const raw = maxValue / targetTicks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw));
  const max = Math.ceil(maxValue / step) * step;
  const ticks = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(v);
  return { max, step, ticks };
}

/**
 * @param {{categories: string[], series: string[], stacks: string[], value: (c: string, s: string, k: string) => number,
 *          colourBy?: "series"|"stack"}} data
 * @param {{width: number, height: number, margin?: {top: number, right: number, bottom: number, left: number}}} size
 * Bars with nothing in them are left out (a zero-height bar draws nothing but would still be counted).
 */
export function groupedStackedBars(data, size) {
  const margin = size.margin ?? { top: 12, right: 12, bottom: 40, left: 44 };
  const plot = {
    x: margin.left,
    y: margin.top,
    width: Math.max(1, size.width - margin.left - margin.right),
    height: Math.max(1, size.height - margin.top - margin.bottom),
  };
  const { categories, series, stacks, value } = data;
  const colourBy = data.colourBy ?? (stacks.length > 1 ? "stack" : "series");
  const totals = categories.map((c) => series.map((s) => stacks.reduce((sum, k) => sum + value(c, s, k), 0)));
  const scale = niceScale(Math.max(0, ...totals.flat()));
  const yOf = (v) => plot.y + plot.height - (v / scale.max) * plot.height;

  const band = categories.length > 0 ? plot.width / categories.length : plot.width;
  const inner = band * 0.8;
  const barWidth = series.length > 0 ? inner / series.length : inner;
  const bars = [];
  categories.forEach((category, ci) => {
    series.forEach((s, si) => {
      const total = totals[ci][si];
      if (total <= 0) return;
      const x = plot.x + ci * band + (band - inner) / 2 + si * barWidth;
      let below = 0;
      const segments = [];
      stacks.forEach((stack, ki) => {
        const v = value(category, s, stack);
        if (v <= 0) return;
        const top = yOf(below + v);
        segments.push({ stack, value: v, y: top, height: yOf(below) - top, colour: PALETTE[(colourBy === "stack" ? ki : si) % PALETTE.length] });
        below += v;
      });
      bars.push({ category, series: s, x, width: barWidth, total, segments, initial: s.charAt(0).toUpperCase() + s.charAt(1) });
    });
  });

  // Thin the month labels so they never overlap (about 48 units each).
  const every = Math.max(1, Math.ceil((categories.length * 48) / plot.width));
  const categoryLabels = categories
    .map((label, i) => ({ label, x: plot.x + (i + 0.5) * band }))
    .filter((_, i) => i % every === 0);
  const yTicks = scale.ticks.map((v) => ({ value: v, y: yOf(v) }));
  const legend = (colourBy === "stack" ? stacks : series).map((label, i) => ({ label, colour: PALETTE[i % PALETTE.length] }));
  return { plot, bars, categoryLabels, yTicks, legend };
}
