// d3-sankey-flows.js: the peer of `waferline --flows FLOWS.csv --export
// OUT.json` for bench-sankey's whole-process comparison: read the flow
// table, lay it out once with d3-sankey 0.12.3, write the geometry as JSON
// in the same shape.  Usage: node d3-sankey-flows.js FLOWS.csv WIDTH HEIGHT OUT.json
'use strict';
const fs = require('fs');
const path = require('path');
const { sankey } = require(path.join(__dirname, 'node_modules', 'd3-sankey'));

const [file, width, height, out] = process.argv.slice(2);
const W = Number(width), H = Number(height);

// The bench writes plain CSV (no quotes needed): source,target,value.
const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).slice(1).filter(l => l.length);
const ids = new Map();
const links = lines.map(l => {
  const [s, t, v] = l.split(',');
  if (!ids.has(s)) ids.set(s, ids.size);
  if (!ids.has(t)) ids.set(t, ids.size);
  return { source: ids.get(s), target: ids.get(t), value: Number(v) };
});
const graph = sankey().nodeWidth(14).nodePadding(16).extent([[1, 1], [W - 1, H - 1]])({
  nodes: Array.from(ids.keys(), id => ({ id })),
  links,
});

fs.writeFileSync(out, JSON.stringify({
  width: W,
  height: H,
  nodes: graph.nodes.map(n => ({
    id: n.id, name: n.id, x0: n.x0, y0: n.y0, x1: n.x1, y1: n.y1, value: n.value, layer: n.layer,
  })),
  links: graph.links.map(l => ({
    source: l.source.id, target: l.target.id, value: l.value, y0: l.y0, y1: l.y1, width: l.width,
  })),
}));
