// d3-sankey-bench.js: lay a flow table out with d3-sankey 0.12.3 for
// bench-sankey.  Usage: node d3-sankey-bench.js FLOWS.csv WIDTH HEIGHT RUNS [COLUMNS]
// With COLUMNS (one "id<TAB>column" line per node) the nodes get those
// columns through d3-sankey's nodeAlign; without, its own (justify).
// Prints "time-ms: T" (median over RUNS after one warm-up when RUNS > 1),
// then one "seg GAP Y_LEFT Y_RIGHT VALUE" line per band piece between
// adjacent columns, so bench-sankey counts crossings with its own counter.
'use strict';
const fs = require('fs');
const path = require('path');
const { sankey } = require(path.join(__dirname, 'node_modules', 'd3-sankey'));

const [file, width, height, runsArg, columnsFile] = process.argv.slice(2);
const W = Number(width), H = Number(height), runs = Number(runsArg || 1);

// The bench writes plain CSV (no quotes needed): source,target,value.
const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).slice(1).filter(l => l.length);
const names = new Map();
const rows = lines.map(l => {
  const [s, t, v] = l.split(',');
  if (!names.has(s)) names.set(s, names.size);
  if (!names.has(t)) names.set(t, names.size);
  return { source: names.get(s), target: names.get(t), value: Number(v) };
});

const columns = new Map();
if (columnsFile)
  for (const l of fs.readFileSync(columnsFile, 'utf8').split('\n').filter(l => l.length)) {
    const [id, c] = l.split('\t');
    columns.set(id, Number(c));
  }

function layout () {
  const graph = {
    nodes: Array.from(names.keys(), name => ({ name })),
    links: rows.map(r => ({ ...r })),
  };
  const s = sankey().nodeWidth(14).nodePadding(16).extent([[1, 1], [W - 1, H - 1]]);
  if (columns.size)
    s.nodeAlign(node => columns.get(node.name));
  return s(graph);
}

let graph;
const times = [];
if (runs > 1)
  layout();
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  graph = layout();
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
const out = [`time-ms: ${times[Math.floor(times.length / 2)].toFixed(2)}`];

// d3 draws each band as one S-curve from (source.x1, y0) to (target.x0, y1)
// with control points at the middle x; where it passes a column's edges
// is found on that curve.
function yAt (x0, y0, x1, y1, x) {
  if (x <= x0) return y0;
  if (x >= x1) return y1;
  let lo = 0, hi = 1, t = 0.5;
  for (let i = 0; i < 40; i++) {
    t = (lo + hi) / 2;
    const fx = x0 + (x1 - x0) * (1.5 * t - 1.5 * t * t + t * t * t);
    if (fx < x) lo = t; else hi = t;
  }
  return y0 + (y1 - y0) * (3 * t * t - 2 * t * t * t);
}

const colX0 = new Map();
for (const n of graph.nodes) colX0.set(n.layer, n.x0);
const dx = 14;
for (const l of graph.links) {
  const a = l.source.layer, b = l.target.layer;
  const x0 = l.source.x1, x1 = l.target.x0;
  for (let g = a; g < b; g++) {
    const xl = g === a ? x0 : colX0.get(g) + dx;
    const xr = g + 1 === b ? x1 : colX0.get(g + 1);
    out.push(`seg ${g} ${yAt(x0, l.y0, x1, l.y1, xl)} ${yAt(x0, l.y0, x1, l.y1, xr)} ${l.value}`);
  }
}
process.stdout.write(out.join('\n') + '\n');
