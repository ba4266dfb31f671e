// The research view's charts, drawn with Chart.js (vendored: vendor/chartjs) from the JSON the
// page carries in <script type="application/json" id="research-data"> (data, not code: the
// Content-Security-Policy allows no inline script). Drawn after the web fonts are ready, so the
// canvas labels use the shipped Bengali font rather than a fallback.
"use strict";

// Okabe & Ito's colour-blind-safe palette, then greys for the rest.
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
                 "#F0E442", "#000000", "#999999", "#666666"];
const FONT = "'Prohori Bengali', 'Noto Sans Bengali', system-ui, sans-serif";

function day(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function shorten(text, n) {
  return text.length > n ? text.slice(0, n - 1) + "…" : text;
}

function perMonth(canvas, figure) {
  const datasets = figure.series.map((s, i) => ({
    type: "bar", label: s.name, data: s.counts, stack: "series",
    backgroundColor: PALETTE[i % PALETTE.length], order: 2,
  }));
  datasets.push({
    type: "line", label: "stories (each once)", data: figure.totals, stack: "total",
    borderColor: "#1d2430", backgroundColor: "#1d2430", pointRadius: 2, order: 1,
  });
  return new Chart(canvas, {
    data: { labels: figure.months, datasets },
    options: {
      maintainAspectRatio: false, animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { stacked: true },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 },
             title: { display: true, text: "stories" } },
      },
    },
  });
}

function timeline(canvas, figure) {
  const threads = figure.threads;
  // The time axis spans the threads (a bar chart's value axis would otherwise start at 0, 1970).
  const start = Math.min(...threads.map((t) => t.first_ms));
  const end = Math.max(...threads.map((t) => t.last_ms));
  const pad = Math.max((end - start) * 0.03, 12 * 3600 * 1000);
  return new Chart(canvas, {
    type: "bar",
    data: {
      labels: threads.map((t) => shorten(t.title, 48)),
      datasets: [{
        label: "first report → latest article",
        data: threads.map((t) => [t.first_ms, t.last_ms]),
        backgroundColor: "#E69F00", minBarLength: 6, maxBarThickness: 18,
      }],
    },
    options: {
      indexAxis: "y", maintainAspectRatio: false, animation: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: {
          title: (items) => threads[items[0].dataIndex].title,
          label: (item) => {
            const t = threads[item.dataIndex];
            return `first: ${t.first_outlet} ${day(t.first_ms)} · latest ${day(t.last_ms)} · ` +
                   `${t.articles} articles, ${t.outlets} outlets`;
          },
        } },
      },
      scales: { x: { type: "linear", min: start - pad, max: end + pad,
                     ticks: { callback: (v) => day(v) } } },
    },
  });
}

function coverage(canvas, figure) {
  const outlets = figure.outlets;
  return new Chart(canvas, {
    type: "bar",
    data: {
      labels: outlets.map((o) => o.outlet),
      datasets: [
        { label: "threads it reported first", data: outlets.map((o) => o.first),
          backgroundColor: "#D55E00", maxBarThickness: 28 },
        { label: "threads it followed", data: outlets.map((o) => o.followed),
          backgroundColor: "#56B4E9", maxBarThickness: 28 },
      ],
    },
    options: {
      indexAxis: "y", maintainAspectRatio: false, animation: false,
      scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
    },
  });
}

const DRAW = { "by-partner": perMonth, "by-topic": perMonth, "by-outlet": perMonth,
               threads: timeline, coverage };

function draw() {
  const source = document.getElementById("research-data");
  if (!source || typeof Chart === "undefined") return;
  Chart.defaults.font.family = FONT;
  const figures = JSON.parse(source.textContent);
  const drawn = [];
  for (const [id, render] of Object.entries(DRAW)) {
    const canvas = document.getElementById("canvas-" + id);
    if (canvas && figures[id]) drawn.push(render(canvas, figures[id]) && id);
  }
  document.body.dataset.chartsDrawn = drawn.join(" ");
}

document.addEventListener("DOMContentLoaded", () => {
  document.fonts.ready.then(draw);
});
