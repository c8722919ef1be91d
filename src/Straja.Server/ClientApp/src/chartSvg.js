// Draws a groupedStackedBars layout (chart.js) as an SVG element. Each bar is a <g> carrying
// its category and series as data attributes, with a <title> so hovering tells the numbers.

const SVG = "http://www.w3.org/2000/svg";

function node(name, attrs = {}, text) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export function renderBarChart(layout, { width, height, title }) {
  const svg = node("svg", { viewBox: `0 0 ${width} ${height}`, width, height, class: "chart", role: "img", "aria-label": title });
  svg.append(node("title", {}, title));
  const { plot } = layout;
  const axis = node("g", { class: "chart-axis" });
  for (const t of layout.yTicks) {
    axis.append(node("line", { x1: plot.x, x2: plot.x + plot.width, y1: t.y, y2: t.y, class: "chart-grid" }));
    axis.append(node("text", { x: plot.x - 6, y: t.y + 4, "text-anchor": "end" }, String(t.value)));
  }
  for (const l of layout.categoryLabels) {
    axis.append(node("text", { x: l.x, y: plot.y + plot.height + 28, "text-anchor": "middle" }, l.label));
  }
  svg.append(axis);

  const bars = node("g", { class: "chart-bars" });
  for (const bar of layout.bars) {
    const g = node("g", { class: "chart-bar", "data-category": bar.category, "data-series": bar.series, "data-total": bar.total });
    g.append(node("title", {}, `${bar.category} ${bar.series}: ${bar.total}`));
    for (const s of bar.segments) {
      const rect = node("rect", { x: bar.x, y: s.y, width: Math.max(1, bar.width - 1), height: s.height, fill: s.colour });
      rect.append(node("title", {}, `${bar.category} ${bar.series} ${s.stack}: ${s.value}`));
      g.append(rect);
    }
    // Which milestone a bar is, under it (the colour may be spent on the grouping), when it fits.
    if (bar.width >= 12) {
      g.append(node("text", { x: bar.x + bar.width / 2, y: plot.y + plot.height + 12, "text-anchor": "middle", class: "chart-initial" }, bar.initial));
    }
    bars.append(g);
  }
  svg.append(bars);
  return svg;
}

/** The colour key under the chart, as HTML. */
export function renderLegend(layout) {
  const ul = document.createElement("ul");
  ul.className = "chart-legend";
  for (const item of layout.legend) {
    const li = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = item.colour;
    li.append(swatch, document.createTextNode(item.label));
    ul.append(li);
  }
  return ul;
}
