// The summary report page: produced, accepted, allocated, delivered by month as a chart and a
// table, grouped by site, model or recipient.

import { groupedStackedBars } from "./chart.js";
import { renderBarChart, renderLegend } from "./chartSvg.js";
import * as api from "./registryApi.js";
import { el, section, table } from "./registryDom.js";
import { GROUPINGS, MILESTONES, cellValue, summarise, tableRows } from "./registryReport.js";

const WIDTH = 900;
const HEIGHT = 320;

export async function reportPage(page) {
  const rows = await api.summary();
  const out = el("div");
  const select = el("select", { "data-testid": "report-group", "aria-label": "group by", onchange: () => show(select.value) },
    GROUPINGS.map((g) => el("option", { value: g }, g === "none" ? "no grouping" : `by ${g}`)));
  page.append(section("Summary: produced, accepted, allocated, delivered by month",
    el("label", { class: "move" }, el("span", {}, "Group"), select), out));

  function show(groupBy) {
    const s = summarise(rows, groupBy);
    if (s.months.length === 0) {
      out.replaceChildren(el("p", { class: "muted", "data-testid": "report-empty" }, "Nothing produced yet."));
      return;
    }
    const layout = groupedStackedBars({
      categories: s.months, series: MILESTONES, stacks: s.groups,
      // Grouped, the colours name the groups (even a single one); ungrouped, the milestones.
      colourBy: groupBy === "none" ? "series" : "stack",
      value: (month, milestone, group) => cellValue(s, month, group, milestone),
    }, { width: WIDTH, height: HEIGHT });
    const chart = el("figure", { class: "chart-box", "data-testid": "report-chart", "data-group": groupBy },
      renderBarChart(layout, { width: WIDTH, height: HEIGHT, title: `Registry milestones by month, ${groupBy === "none" ? "all units" : `by ${groupBy}`}` }),
      el("figcaption", {}, "Bars per month: Pr produced, Ac accepted, Al allocated, De delivered. ", renderLegend(layout)));
    const total = ["total", "", ...MILESTONES.map((k) => String(s.totals[k]))];
    const body = tableRows(s).map((r) => [r.month, r.group, ...MILESTONES.map((k) => String(r[k]))]);
    out.replaceChildren(chart, table(["Month", groupBy === "none" ? "" : groupBy, ...MILESTONES], [...body, total], { "data-testid": "report-table" }));
  }
  show("none");
}
