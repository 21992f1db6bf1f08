// ===========================================================================
// one frame: the three panels at frame f, over the still layers
// ===========================================================================

function draw(P, f) {
  const t0 = performance.now();
  const { ctx } = P.el;
  blit(P, P.base);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  drawData(P, f);
  drawSurface(P, f);
  drawCursor(P, f);
  showNumbers(P, f);
  showFrame(P, f, t0);
}

// panel 1: a = σ(z) shaded, (with one input) its curve along x1, the boundary
function drawData(P, f) {
  const { ctx } = P.el;
  const { img, L } = P;
  const pd = L.data;
  const field = paintField(img.field, P.A.field, f * img.fieldSize, img.aLut);
  ctx.drawImage(field, pd.px, pd.py, pd.pw, pd.ph);
  clipTo(ctx, pd);
  if (P.r.one) drawSigmaCurve(P, f);
  drawBoundary(P, f);
  drawPendingPoint(P);
  ctx.restore();
}

// a click on the data not yet trained: the new point, ringed, or a cross over the point it removes
function drawPendingPoint(P) {
  const at = P.pendingPoint;
  if (!at) return;
  const { ctx } = P.el;
  const { box1, box2 } = P.r;
  const pd = P.L.data;
  if (at.remove === undefined) {
    const [x, y] = [sx(pd, box1, at.at[0]), sy(pd, box2, P.r.one ? at.cls : at.at[1])];
    marker(P, ctx, x, y, at.cls, 0, P.look.point);
    ring(P, ctx, x, y);
    return;
  }
  const j = at.remove;
  const [x, y] = [sx(pd, box1, P.added.x[j]), sy(pd, box2, P.added.y[j])];
  const d = P.look.point * P.x.hand.added_ring;
  lineStyle(P, ctx, P.S.colors.text, "boundary");
  ctx.beginPath();
  ctx.moveTo(x - d, y - d); ctx.lineTo(x + d, y + d);
  ctx.moveTo(x + d, y - d); ctx.lineTo(x - d, y + d);
  ctx.stroke();
}

// the curve a = σ(z) along x1, from the same bytes as the shading
function drawSigmaCurve(P, f) {
  const { ctx } = P.el;
  const { A, r, img } = P;
  const pd = P.L.data;
  lineStyle(P, ctx, P.S.colors.sigma_curve, "sigma_curve", P.S.sizes.dashes.sigma_curve);
  ctx.beginPath();
  for (let i = 0; i < img.fg1; i++) {
    const x = sx(pd, r.box1, A.grid1[i]);
    const y = sy(pd, r.box2, A.field[f * img.fieldSize + i] / 255);
    if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
  }
  ctx.stroke();
  ctx.setLineDash([]);
}

// two inputs: polylines broken at missing pairs; one input: vertical lines at the crossings
function drawBoundary(P, f) {
  const { ctx } = P.el;
  const { A, r } = P;
  const pd = P.L.data;
  lineStyle(P, ctx, P.S.colors.boundary, "boundary");
  ctx.beginPath();
  let pen = false;
  for (let i = A.boundary_start[f]; i < A.boundary_start[f + 1]; i++) {
    const bx = A.boundary[2 * i], by = A.boundary[2 * i + 1];
    if (r.one) {
      const x = sx(pd, r.box1, bx);
      ctx.moveTo(x, pd.py); ctx.lineTo(x, pd.py + pd.ph);
      continue;
    }
    if (!Number.isFinite(bx) || !Number.isFinite(by)) { pen = false; continue; }
    const x = sx(pd, r.box1, bx), y = sy(pd, r.box2, by);
    if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
    pen = true;
  }
  ctx.stroke();
}

// panel 2: this frame's cost surface, the still overlay, J's colour bar, the path so far
function drawSurface(P, f) {
  const { ctx } = P.el;
  const { A, img, L } = P;
  const pc = L.cost;
  const sf = P.h.surface_exact ? 0 : f;
  ctx.drawImage(paintField(img.cost, A.surface, sf * img.costSize, img.jLut), pc.px, pc.py, pc.pw, pc.ph);
  blit(P, P.overlay);
  colorbar(P, ctx, pc, img.jStops, P.S.j_bands, A.surface_lo[sf], A.surface_hi[sf], "J", true);
  drawPath(P, f);
  drawStart(P);
}

// where a new run will start: the point clicked (until its run arrives) or the keyboard's cross
function drawStart(P) {
  const at = P.pending || (P.focused && P.cross);
  if (!at) return;
  const { ctx } = P.el;
  const { r } = P;
  const { colors, sizes } = P.S;
  const pc = P.L.cost;
  const x = sx(pc, r.s1, at[0]), y = sy(pc, r.s2, at[1]);
  clipTo(ctx, pc);
  lineStyle(P, ctx, colors.current, "cursor", sizes.dashes.cursor);
  ctx.beginPath();
  ctx.moveTo(pc.px, y); ctx.lineTo(pc.px + pc.pw, y);
  ctx.moveTo(x, pc.py); ctx.lineTo(x, pc.py + pc.ph);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.arc(x, y, P.look.current + 2, 0, 2 * Math.PI);
  ctx.lineWidth = sizes.outlines.current;
  ctx.stroke();
  // the values it starts from, on a patch of paper beside it, inside the plot
  const [u, v] = P.h.surface_axes;
  const [a, b] = startValues(P, at);
  const text = P.T.start_here.replace("{u}", u).replace("{v}", v).replace("{a}", fmt(a))
    .replace("{b}", fmt(b));
  ctx.font = fontOf(P);
  const w = Math.min(ctx.measureText(text).width, pc.pw - 12);
  const h = P.L.font * 1.3;
  const side = x + 10 + w <= pc.px + pc.pw - 4 ? x + 10 : x - 10 - w;
  const left = Math.min(Math.max(side, pc.px + 4), pc.px + pc.pw - 4 - w);
  const top = y - 10 - h < pc.py ? y + 10 : y - 10 - h;
  ctx.fillStyle = colors.paper;
  ctx.fillRect(left - 3, top, w + 6, h);
  ctx.fillStyle = colors.text;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  ctx.fillText(text, left, top + h / 2, w);
  ctx.restore();
}

function drawPath(P, f) {
  const { ctx } = P.el;
  const { A, r } = P;
  const { colors, sizes } = P.S;
  const pc = P.L.cost;
  clipTo(ctx, pc);
  lineStyle(P, ctx, colors.path, "path");
  polyline(ctx, A.path1, A.path2, pc, r.s1, r.s2, 0, f + 1);
  const [x, y] = [sx(pc, r.s1, A.path1[f]), sy(pc, r.s2, A.path2[f])];
  dot(P, ctx, x, y, P.look.current, colors.current, sizes.outlines.current);
  ctx.restore();
}

// panel 3: the cursor at this step and its dots on J and the accuracies
function drawCursor(P, f) {
  const { ctx } = P.el;
  const { A, r, h } = P;
  const { colors, sizes } = P.S;
  const pk = P.L.curves;
  const x = sx(pk, r.steps, A.steps[f]);
  ctx.save();
  lineStyle(P, ctx, colors.current, "cursor", sizes.dashes.cursor);
  ctx.beginPath(); ctx.moveTo(x, pk.py); ctx.lineTo(x, pk.py + pk.ph); ctx.stroke();
  ctx.setLineDash([]);
  const dots = [[sy(pk, r.cost, A.cost[f]), A.cost[f], colors.cost_curve],
    [sy(pk, r.acc, A.acc_train[f]), A.acc_train[f], colors.accuracy[0]]];
  if (h.has_test) dots.push([sy(pk, r.acc, A.acc_test[f]), A.acc_test[f], colors.accuracy[1]]);
  for (const [y, v, color] of dots) {
    if (v >= 0) dot(P, ctx, x, y, P.look.cursorDot, color, sizes.outlines.cursor_dot);
  }
  ctx.restore();
}

// the frame is on the screen: the slider follows, the draw is timed, the page can read it
function showFrame(P, f, t0) {
  const { root, slider } = P.el;
  P.frame = f;
  if (document.activeElement !== slider || P.playing) slider.value = f;
  const stats = (window.__lrpStats = window.__lrpStats || { draws: [], ms: [] });
  if (P.playing || stats.recordAll) {
    stats.draws.push(performance.now());
    stats.ms.push(performance.now() - t0);
    if (stats.draws.length > 5000) { stats.draws.splice(0, 1000); stats.ms.splice(0, 1000); }
  }
  root.dataset.frame = String(f);
  root.dataset.step = String(P.A.steps[f]);
}

// ===========================================================================
// the computational graph of one example: built once, its numbers set per frame
// ===========================================================================

function element(tag, cls, text = "") {
  const e = document.createElement(tag);
  e.className = cls;
  e.textContent = text;
  return e;
}

const span = (text, cls) => element("span", cls, text);
const div = (cls) => element("div", cls);

// a node of the graph: its parts are words (set as text) and elements
function node(parent, cls, parts) {
  const d = div("lrp-node " + cls);
  for (const p of parts) d.appendChild(typeof p === "string" ? document.createTextNode(p) : p);
  parent.appendChild(d);
  return d;
}

// "label = <number>", the number a cell that each frame fills
function eq(P, label, key, cls = "lrp-eq") {
  const cell = span("", "lrp-num");
  P.cells[key] = cell;
  return [span(label, cls), " = ", cell];
}

// a row of the graph: its title, a column of inputs (if any), then operations (after arrows, if any)
function graphRow(P, cls, title, inputs, ops, arrow = "") {
  const r = div("lrp-row " + cls);
  r.appendChild(span(title, "lrp-dir"));
  if (inputs.length) {
    const column = div("lrp-inputs");
    for (const parts of inputs) node(column, "lrp-in", parts);
    r.appendChild(column);
  }
  for (const [label, key] of ops) {
    if (arrow) r.appendChild(span(arrow, "lrp-arrow"));
    node(r, "lrp-op", eq(P, label, key));
  }
  return r;
}

function buildGraph(P) {
  const { h, T } = P;
  const js = [...Array(h.n).keys()];
  P.cells = {};
  const heading = div("lrp-graph-title");
  heading.textContent = T.graph_title.replace("{i}", String(h.example + 1)).replace("{y}", String(h.y));
  const x = (j) => {
    const name = h.feature_names[j];
    const feat = span(name === `x${j + 1}` ? "" : ` (${name})`, "lrp-feat");
    return [span(`x${j + 1}`, "lrp-sym"), feat, " = " + fmt(h.x[j])];
  };
  const inputs = [...js.flatMap((j) => [x(j), eq(P, `w${j + 1}`, `w${j}`, "lrp-sym")]), eq(P, "b", "b", "lrp-sym")];
  const forward = [["z = wᵀx + b", "z"], ["a = σ(z)", "a"], [`L(a, y = ${h.y})`, "L"]];
  const grads = [...js.map((j) => eq(P, `dw${j + 1} = x${j + 1}·dz`, `dwi${j}`)), eq(P, "db = dz", "dbi")];
  const backward = [["dz = a − y", "dz"], ["da = −y/a + (1−y)/(1−a)", "da"]];
  const means = [["J", "J"], ...js.map((j) => [`dw${j + 1}`, `dw${j}`]), ["db", "db"]];
  const update = [...js.map((j) => [`w${j + 1} := w${j + 1} − α·dw${j + 1}`, `uw${j}`]), ["b := b − α·db", "ub"]];
  P.el.graph.replaceChildren(heading, graphRow(P, "lrp-forward", T.forward, inputs, forward, "→"),
    graphRow(P, "lrp-backward", T.backward, grads, backward, "←"),
    graphRow(P, "lrp-means", T.means, [], means), graphRow(P, "lrp-update", T.update, [], update));
}

// frame f's numbers in the graph's cells, and the line of words above the canvas
function showNumbers(P, f) {
  const { A, h, T, cells } = P;
  const n = h.n;
  for (let j = 0; j < n; j++) {
    const k = f * n + j;
    cells[`w${j}`].textContent = fmt(A.w[k]);
    cells[`dwi${j}`].textContent = fmt(A.dw_i[k]);
    cells[`dw${j}`].textContent = fmt(A.dw[k]);
    cells[`uw${j}`].textContent = `${fmt(A.w[k])} − ${fmt(h.alpha)}·${par(A.dw[k])} = ${fmt(A.next_w[k])}`;
  }
  const values = { b: A.b, z: A.z, a: A.a, L: A.loss, da: A.da, dz: A.dz, dbi: A.dz, J: A.cost, db: A.db };
  for (const [key, array] of Object.entries(values)) cells[key].textContent = fmt(array[f]);
  cells.ub.textContent = `${fmt(A.b[f])} − ${fmt(h.alpha)}·${par(A.db[f])} = ${fmt(A.next_b[f])}`;
  const parts = [T.step.replace("{step}", A.steps[f].toLocaleString("en-US")), `J = ${fmt(A.cost[f])}`,
    `${T.train_accuracy} ${pct(A.acc_train[f])}`];
  if (h.has_test) parts.push(`${T.test_accuracy} ${pct(A.acc_test[f])}`);
  if (f === P.F - 1) parts.push(T.ends_here);
  P.el.label.textContent = parts.join("  ·  ");
}
