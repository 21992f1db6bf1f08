// ===========================================================================
// drawing helpers and axes
// ===========================================================================

function clipTo(g, p) {
  g.save();
  g.beginPath();
  g.rect(p.px, p.py, p.pw, p.ph);
  g.clip();
}

// copy a layer of device pixels onto the canvas
function blit(P, layer) {
  const { ctx } = P.el;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(layer, 0, 0);
  ctx.setTransform(P.dpr, 0, 0, P.dpr, 0, 0);
}

// a line through (xs[i], ys[i]) for i in [from, to), broken where a value is missing
function polyline(g, xs, ys, p, xr, yr, from, to) {
  g.beginPath();
  let pen = false;
  for (let i = from; i < to; i++) {
    const a = xs[i], b = ys[i];
    if (!Number.isFinite(a) || !Number.isFinite(b) || a < -1e30 || b < -1e30) { pen = false; continue; }
    const x = sx(p, xr, a), y = sy(p, yr, b);
    if (pen) g.lineTo(x, y); else g.moveTo(x, y);
    pen = true;
  }
  g.stroke();
}

// a panel's plot, grid, ticks and titles; spec: {x, y, y2, xt, yt, yt2, title}
function axes(P, g, p, spec) {
  const c = P.S.colors;
  g.save();
  g.fillStyle = c.paper;
  g.fillRect(p.px, p.py, p.pw, p.ph);
  g.strokeStyle = c.grid;
  g.lineWidth = 1;
  g.font = fontOf(P);
  g.fillStyle = c.text;
  xTicks(P, g, p, spec.x);
  yTicks(P, g, p, spec.y, spec.y2);
  axisTitles(P, g, p, spec);
  g.restore();
}

function xTicks(P, g, p, r) {
  g.textAlign = "center";
  g.textBaseline = "top";
  for (const v of niceTicks(r[0], r[1], p.pw / P.S.sizes.tick_spacing[0])) {
    const x = sx(p, r, v);
    g.beginPath(); g.moveTo(x, p.py); g.lineTo(x, p.py + p.ph); g.stroke();
    g.fillText(tickText(v), x, p.py + p.ph + 4);
  }
}

// ticks and grid lines of the left axis; labels only for a right axis (r2)
function yTicks(P, g, p, r, r2) {
  const count = p.ph / P.S.sizes.tick_spacing[1];
  g.textAlign = "right";
  g.textBaseline = "middle";
  for (const v of niceTicks(r[0], r[1], count)) {
    const y = sy(p, r, v);
    g.beginPath(); g.moveTo(p.px, y); g.lineTo(p.px + p.pw, y); g.stroke();
    g.fillText(tickText(v), p.px - 5, y);
  }
  if (!r2) return;
  g.textAlign = "left";
  for (const v of niceTicks(r2[0], r2[1], count)) g.fillText(tickText(v), p.px + p.pw + 5, sy(p, r2, v));
}

function axisTitles(P, g, p, spec) {
  g.textAlign = "center";
  g.textBaseline = "bottom";
  g.fillText(spec.xt, p.px + p.pw / 2, p.y + p.h - 2);
  g.font = fontOf(P, true);
  g.fillText(spec.title, p.x + p.w / 2, p.py - 8 - p.top, p.w - 8);
  g.font = fontOf(P);
  sideways(g, spec.yt, p.x + 12, p.py + p.ph / 2, -1, p.ph);
  if (spec.yt2) sideways(g, spec.yt2, p.x + p.w - 10, p.py + p.ph / 2, 1, p.ph);
}

// text turned a quarter: turn -1 reads upwards (a left axis), +1 downwards (a right one)
function sideways(g, text, x, y, turn, room) {
  g.save();
  g.translate(x, y);
  g.rotate((turn * Math.PI) / 2);
  g.textBaseline = "middle";
  g.fillText(text, 0, 0, room);
  g.restore();
}

// a colour bar right of a plot, in `bands` bands from lo to hi (geometric: its middle too)
function colorbar(P, g, p, stops, bands, lo, hi, name, geometric = false) {
  const cb = P.S.sizes.colorbar;
  const w = P.look.colorbar;
  const x = p.px + p.pw + 8;
  const top = p.py + p.ph * cb.top;
  const len = p.ph * cb.length;
  g.save();
  for (let k = 0; k < bands; k++) {
    g.fillStyle = rgbHex(bandColor(stops, bands, k));
    g.fillRect(x, top + len - ((k + 1) / bands) * len, w, len / bands + 0.5);
  }
  g.strokeStyle = P.S.colors.frame;
  g.lineWidth = 1;
  g.strokeRect(x, top, w, len);
  g.fillStyle = P.S.colors.text;
  g.font = fontOf(P);
  g.textAlign = "left";
  g.textBaseline = "middle";
  const room = p.x + p.w - x - w - 4;
  g.fillText(fmt(hi, 3), x + w + 3, top, room);
  g.fillText(fmt(lo, 3), x + w + 3, top + len, room);
  if (geometric && lo > 0) g.fillText(fmt(Math.sqrt(lo * hi), 3), x + w + 3, top + len / 2, room);
  g.textAlign = "center";
  g.textBaseline = "bottom";
  g.fillText(name, x + w / 2, top - 4);
  g.restore();
}

// ===========================================================================
// markers and legends
// ===========================================================================

// a data point: class 0 a circle, class 1 a diamond; training filled, test hollow
function marker(P, g, x, y, cls, part, r) {
  const { colors, sizes } = P.S;
  const color = colors.class[cls];
  const d = r * sizes.diamond;
  g.beginPath();
  if (cls === 1) {
    g.moveTo(x, y - d); g.lineTo(x + d, y); g.lineTo(x, y + d); g.lineTo(x - d, y); g.closePath();
  } else {
    g.arc(x, y, r, 0, 2 * Math.PI);
  }
  if (part === 1) {
    g.lineWidth = sizes.lines.test_point * P.L.line;
    g.strokeStyle = color;
    g.stroke();
  } else {
    g.fillStyle = color;
    g.fill();
    g.lineWidth = sizes.outlines.point;
    g.strokeStyle = colors.outline;
    g.stroke();
  }
}

// a line's colour, its width in the style (times the mode's line factor) and its dashes
function lineStyle(P, g, color, line, dash = []) {
  g.strokeStyle = color;
  g.lineWidth = P.S.sizes.lines[line] * P.L.line;
  g.setLineDash(dash);
}

// a filled dot of radius r, outlined in the paper's colour
function dot(P, g, x, y, r, color, outline) {
  g.beginPath();
  g.arc(x, y, r, 0, 2 * Math.PI);
  g.fillStyle = color;
  g.fill();
  g.lineWidth = outline;
  g.strokeStyle = P.S.colors.outline;
  g.stroke();
}

function classText(P, part, cls) {
  const name = P.h.class_names[cls];
  const label = name === String(cls) ? `y = ${cls}` : `y = ${cls} (${name})`;
  return `${part ? P.T.test : P.T.train} · ${label}`;
}

// a legend's swatch: a short line, a data marker, or the current point
function lineSwatch(P, color, dash = [], line = "legend") {
  return (g, x, y) => {
    lineStyle(P, g, color, line, dash);
    g.beginPath(); g.moveTo(x, y); g.lineTo(x + P.S.sizes.legend.swatch, y); g.stroke();
    g.setLineDash([]);
  };
}

function dotSwatch(P, cls, part) {
  return (g, x, y) => marker(P, g, x + P.S.sizes.legend.swatch / 2, y, cls, part, P.look.legendPoint);
}

// the run before: its line, faint and dashed
function beforeSwatch(P, color) {
  return (g, x, y) => {
    g.save();
    g.globalAlpha = P.x.hand.before_alpha;
    lineSwatch(P, color, P.x.hand.before_dash, "path")(g, x, y);
    g.restore();
  };
}

function currentSwatch(P) {
  return (g, x, y) => {
    g.beginPath(); g.arc(x + P.S.sizes.legend.swatch / 2, y, P.look.legendPoint + 1, 0, 2 * Math.PI);
    g.fillStyle = P.S.colors.current; g.fill();
  };
}

// what each panel's legend shows: [draw(g, x, y), text]
function legendItems(P) {
  const { h, T } = P;
  const c = P.S.colors;
  const data = [[dotSwatch(P, 0, 0), classText(P, 0, 0)], [dotSwatch(P, 1, 0), classText(P, 0, 1)]];
  if (h.has_test) {
    data.push([dotSwatch(P, 0, 1), classText(P, 1, 0)], [dotSwatch(P, 1, 1), classText(P, 1, 1)]);
  }
  data.push([lineSwatch(P, c.boundary, [], "boundary"), T.boundary]);
  if (P.added.x.length) {
    const sw = P.S.sizes.legend.swatch / 2;
    data.push([(g, x, y) => ring(P, g, x + sw, y), T.added]);
  }
  const [u, v] = h.surface_axes;
  const cost = [
    [lineSwatch(P, c.path), T.path.replace("{u}", u).replace("{v}", v)],
    [lineSwatch(P, c.whole_path), T.whole_path],
    [currentSwatch(P), T.current],
  ];
  const curves = [[lineSwatch(P, c.cost_curve), T.cost_curve],
    [lineSwatch(P, c.accuracy[0]), T.train_accuracy]];
  if (h.has_test) {
    curves.push([lineSwatch(P, c.accuracy[1], P.S.sizes.dashes.test_accuracy), T.test_accuracy]);
  }
  if (P.before) {
    cost.push([beforeSwatch(P, c.path), P.before.label]);
    curves.push([beforeSwatch(P, c.cost_curve), P.before.label]);
  }
  return { data, cost, curves };
}

// items wrapped into rows no wider than the panel: [[[item, width], ...], ...]
function legendRows(g, p, items) {
  const rows = [[]];
  let width = 0;
  for (const item of items) {
    const w = Math.min(g.measureText(item[1]).width + 36, p.w - 8);
    if (width + w > p.w - 8 && rows[rows.length - 1].length) { rows.push([]); width = 0; }
    rows[rows.length - 1].push([item, w]);
    width += w;
  }
  return rows;
}

// a legend in the room under a panel's title, each row centred
function legend(P, g, p, items) {
  g.save();
  g.font = fontOf(P);
  g.textBaseline = "middle";
  g.textAlign = "left";
  const rowH = P.L.font * P.S.sizes.legend.row;
  const rows = legendRows(g, p, items);
  const top = p.py - p.top + (p.top - rows.length * rowH) / 2 + rowH / 2 - 2;
  rows.forEach((row, k) => {
    const total = row.reduce((s, [, w]) => s + w, 0);
    let x = p.x + Math.max(4, (p.w - total) / 2);
    const y = top + k * rowH;
    for (const [[draw, text], w] of row) {
      draw(g, x, y);
      g.fillStyle = P.S.colors.text;
      g.fillText(text, x + 24, y, w - 30);
      x += w;
    }
  });
  g.restore();
}

// ===========================================================================
// the still layers, drawn once per width: base (paper, axes) and overlay (what does not move)
// ===========================================================================

function costTitle(P) {
  const [u, v] = P.h.surface_axes;
  return P.h.surface_exact ? P.T.cost_title_exact : P.T.cost_title.replace("{u}", u).replace("{v}", v);
}

// a layer the size of the canvas, in CSS pixels
function makeLayer(P) {
  const c = document.createElement("canvas");
  c.width = P.el.canvas.width;
  c.height = P.el.canvas.height;
  const g = c.getContext("2d");
  g.scale(P.dpr, P.dpr);
  return [c, g];
}

function drawBase(P, g) {
  const { h, T, r, L } = P;
  g.fillStyle = P.S.colors.paper;
  g.fillRect(0, 0, L.width, L.height);
  axes(P, g, L.data, { x: r.box1, y: r.box2, xt: h.input_names[0],
    yt: r.one ? T.label_axis : h.input_names[1], title: T.data_title });
  axes(P, g, L.cost, { x: r.s1, y: r.s2, xt: h.surface_titles[0], yt: h.surface_titles[1],
    title: costTitle(P) });
  axes(P, g, L.curves, { x: r.steps, y: r.cost, y2: r.acc, xt: T.iteration_axis, yt: "J",
    yt2: T.accuracy_axis, title: T.curves_title });
  colorbar(P, g, L.data, P.img.aStops, P.S.a_bands, 0, 1, "a");
}

function drawPoints(P, g) {
  const { A, r, L } = P;
  const dense = P.S.sizes.dense;
  const radius = P.look.point * (A.px.length > dense.count ? dense.scale : 1);
  clipTo(g, L.data);
  for (let i = 0; i < A.px.length; i++) {
    const x = sx(L.data, r.box1, A.px[i]);
    const y = sy(L.data, r.box2, A.py[i]);
    marker(P, g, x, y, A.pclass[i], A.ppart[i], radius);
  }
  g.restore();
}

// a ring around a point that a click added (and in the legend)
function ring(P, g, x, y) {
  g.beginPath();
  g.arc(x, y, P.look.point * P.x.hand.added_ring, 0, 2 * Math.PI);
  g.lineWidth = P.S.sizes.outlines.current;
  g.strokeStyle = P.S.colors.text;
  g.stroke();
}

// the training examples that clicks added: drawn again, ringed, above the others
function drawAdded(P, g) {
  const { r, L } = P;
  const D = P.added;
  clipTo(g, L.data);
  for (let j = 0; j < D.x.length; j++) {
    const x = sx(L.data, r.box1, D.x[j]), y = sy(L.data, r.box2, D.y[j]);
    marker(P, g, x, y, D.cls[j], 0, P.look.point);
    ring(P, g, x, y);
  }
  g.restore();
}

function drawWholePath(P, g) {
  const { A, r, L } = P;
  clipTo(g, L.cost);
  lineStyle(P, g, P.S.colors.whole_path, "whole_path");
  polyline(g, A.full1, A.full2, L.cost, r.s1, r.s2, 0, A.full1.length);
  g.restore();
}

// the run before: its whole path on the cost surface and its J curve, faint and dashed
function drawBefore(P, g) {
  if (!P.before) return;
  const { r, L } = P;
  const B = P.before.A;
  const { colors } = P.S;
  const n = B.path1.length;
  g.save();
  g.globalAlpha = P.x.hand.before_alpha;
  clipTo(g, L.cost);
  lineStyle(P, g, colors.path, "path", P.x.hand.before_dash);
  polyline(g, B.path1, B.path2, L.cost, r.s1, r.s2, 0, n);
  g.setLineDash([]);
  if (n) {
    // a dot where it started, a ring where it ended
    dot(P, g, sx(L.cost, r.s1, B.path1[0]), sy(L.cost, r.s2, B.path2[0]), P.look.cursorDot, colors.path, 1);
    g.beginPath();
    g.arc(sx(L.cost, r.s1, B.path1[n - 1]), sy(L.cost, r.s2, B.path2[n - 1]), P.look.current, 0, 2 * Math.PI);
    g.lineWidth = P.S.sizes.outlines.current;
    g.strokeStyle = colors.path;
    g.stroke();
  }
  g.restore();
  clipTo(g, L.curves);
  lineStyle(P, g, colors.cost_curve, "cost_curve", P.x.hand.before_dash);
  polyline(g, B.steps, B.cost, L.curves, r.steps, r.cost, 0, B.steps.length);
  g.restore();
  g.restore();
}

// J and accuracy against the iteration, over the whole run
function drawCurves(P, g) {
  const { A, r, L, h } = P;
  const { colors, sizes } = P.S;
  const pk = L.curves;
  const n = A.curve_steps.length;
  clipTo(g, pk);
  lineStyle(P, g, colors.accuracy[0], "accuracy");
  polyline(g, A.curve_steps, A.curve_train, pk, r.steps, r.acc, 0, n);
  if (h.has_test) {
    lineStyle(P, g, colors.accuracy[1], "accuracy", sizes.dashes.test_accuracy);
    polyline(g, A.curve_steps, A.curve_test, pk, r.steps, r.acc, 0, n);
  }
  lineStyle(P, g, colors.cost_curve, "cost_curve");
  polyline(g, A.curve_steps, A.curve_cost, pk, r.steps, r.cost, 0, n);
  g.restore();
}

// the same words for a screen reader (and a test): titles, axes and legends, as text
function canvasWords(P, items) {
  const { h, T, r } = P;
  const words = [T.data_title, h.input_names[0], r.one ? T.label_axis : h.input_names[1],
    ...items.data.map((i) => i[1]), costTitle(P), ...h.surface_titles, ...items.cost.map((i) => i[1]),
    T.curves_title, T.iteration_axis, T.accuracy_axis, ...items.curves.map((i) => i[1])];
  if (P.x.clickable) words.push(T.start_keys);
  if (P.x.addable) words.push(T.add_keys);
  P.el.canvas.setAttribute("aria-label", words.join("; "));
}

// a legend of more rows than planned (an earlier run, presenter text): its panel's plot moves down to make
// room (the two upper panels together while they stand side by side)
function roomForLegends(P, L, items) {
  const g = P.el.ctx;
  const rowH = L.font * P.S.sizes.legend.row;
  // the rows, measured in the legend's own font
  const need = (p, list) => {
    g.save();
    g.font = fontOf(P);
    const rows = legendRows(g, p, list).length;
    g.restore();
    return Math.ceil(rows * rowH + 0.4 * L.font);
  };
  const grow = (p, top) => {
    const more = Math.max(0, top - p.top);
    p.top += more;
    p.py += more;
    p.ph = Math.max(P.S.sizes.min_plot, p.ph - more);
  };
  const upper = need(L.cost, items.cost);
  if (!L.narrow) grow(L.data, Math.max(upper, need(L.data, items.data)));
  grow(L.cost, L.narrow ? upper : Math.max(upper, L.data.top));
  if (L.narrow) grow(L.data, need(L.data, items.data));
  grow(L.curves, need(L.curves, items.curves));
}

// tick labels wider than the room left of a plot (grams: "5,000"): the plot moves right, so that
// the axis title stands clear of them
function roomForTicks(P, L) {
  const g = P.el.ctx;
  g.save();
  g.font = fontOf(P);
  for (const [p, r] of [[L.data, P.r.box2], [L.cost, P.r.s2], [L.curves, P.r.cost]]) {
    const count = p.ph / P.S.sizes.tick_spacing[1];
    const widest = Math.max(0, ...niceTicks(r[0], r[1], count).map((v) => g.measureText(tickText(v)).width));
    const more = Math.ceil(widest + 5 + 1.5 * L.font - (p.px - p.x));
    if (more > 0) {
      p.px += more;
      p.pw = Math.max(P.S.sizes.min_plot, p.pw - more);
    }
  }
  g.restore();
}

// size the canvas to the player's width and draw both still layers
function layers(P) {
  const { root, canvas } = P.el;
  const width = Math.max(P.S.sizes.min_width, Math.floor(root.getBoundingClientRect().width));
  const L = (P.L = layout(width, P.S, P.look));
  const items = legendItems(P);
  roomForLegends(P, L, items); // legends of more rows (an earlier run, presenter text) push their plot down
  roomForTicks(P, L);
  const dpr = (P.dpr = window.devicePixelRatio || 1);
  canvas.style.width = L.width + "px";
  canvas.style.height = L.height + "px";
  canvas.width = Math.round(L.width * dpr);
  canvas.height = Math.round(L.height * dpr);
  const [base, gb] = makeLayer(P);
  drawBase(P, gb);
  const [overlay, go] = makeLayer(P);
  drawPoints(P, go);
  drawAdded(P, go);
  drawWholePath(P, go);
  drawBefore(P, go);
  drawCurves(P, go);
  legend(P, go, L.data, items.data);
  legend(P, go, L.cost, items.cost);
  legend(P, go, L.curves, items.curves);
  canvasWords(P, items);
  P.base = base;
  P.overlay = overlay;
}
