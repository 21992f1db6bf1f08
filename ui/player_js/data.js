// The Train page's animation: a canvas player for the payload of
// logreg_core/figures/player.py, which computes every number and, in the header's
// `style` (logreg_core/figures/style.py), chooses every colour, range and size: this
// script only draws them.  It receives the whole run once, plays it with
// requestAnimationFrame, and sends back only the frame where the student pauses.
//
// Every function below takes the player, one plain object `P`:
//   P.h, P.A, P.T, P.S, P.F  the header, its arrays, its words, its style, the frame count
//   P.el                     the elements: root, canvas, ctx, play, slider, label, speeds, graph
//   P.look                   sizes in this mode (presenter or not), from P.S
//   P.r                      the axes' ranges (fixed for the run)
//   P.img                    the two shadings: images, colour tables, cells per frame
//   P.L, P.base, P.overlay   the layout at this width and its two still layers
//   P.frame, P.playing, P.fps, P.t0, P.f0, P.raf   playback
//   P.cells                  the computational graph's number cells
//   P.x                      the extras: clickable, addable, add_class, hand (tap and keys), play
//   P.before, P.added        the run before; the points that clicks added (drawn ringed)
//   P.pending, P.cross       a clicked start not yet trained; the keyboard's cross on the cost surface
//   P.pendingPoint           a click on the data not yet trained: {at, cls} or {remove}

const STATE = "__lrpState";

// ===========================================================================
// reading the payload
// ===========================================================================

function readPayload(bytes) {
  // copy into a buffer of our own: the bytes arrive at an arbitrary offset
  const buf = bytes.slice().buffer;
  const n = new DataView(buf).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 4, n)));
  const base = 4 + n;
  const kinds = { u1: Uint8Array, i4: Int32Array, f4: Float32Array, f8: Float64Array };
  const arrays = {};
  for (const [name, [offset, code, shape]] of Object.entries(header.arrays)) {
    const count = shape.reduce((p, s) => p * s, 1);
    arrays[name] = new kinds[code](buf, base + offset, count);
  }
  return { header, arrays, size: bytes.byteLength };
}

// the component's data: "LRPX", the extras block's length and the block (what changes while
// the run stays: the run before, whether a click starts a run, a run to play), then the payload
function splitData(bytes) {
  const mark = [76, 82, 80, 88]; // "LRPX"
  if (bytes.byteLength < 8 || mark.some((c, i) => bytes[i] !== c)) return { extras: null, raw: null, payload: bytes };
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  const raw = bytes.subarray(8, 8 + n);
  return { extras: readPayload(raw), raw, payload: bytes.subarray(8 + n) };
}

// ===========================================================================
// numbers as text
// ===========================================================================

// The app's number format (logreg_core.formatting.fmt): 4 significant digits, like
// Python's "%.4g"; whole numbers from 10,000 up with thousands separators.
function fmt(v, digits = 4) {
  if (!Number.isFinite(v)) return "—";
  const a = Math.abs(v);
  if (a >= 1e4 && a < 1e12) return Math.round(v).toLocaleString("en-US");
  if (a === 0) return "0";
  const exp = parseInt(v.toExponential(digits - 1).split("e")[1], 10);
  let s;
  if (exp < -4 || exp >= digits) {
    const [m, e] = v.toExponential(digits - 1).split("e");
    const k = parseInt(e, 10);
    s = m.replace(/\.?0+$/, "") + "e" + (k < 0 ? "-" : "+") + String(Math.abs(k)).padStart(2, "0");
  } else {
    s = v.toFixed(Math.max(0, digits - 1 - exp));
    if (s.includes(".")) s = s.replace(/\.?0+$/, "");
  }
  return s === "-0" ? "0" : s;
}

function par(v) {
  const s = fmt(v);
  return v < 0 ? `(${s})` : s;
}

function pct(v) {
  return v < 0 || !Number.isFinite(v) ? "—" : (100 * v).toFixed(1) + " %";
}

function tickText(v) {
  return Number.isInteger(v) && Math.abs(v) < 1e12 ? v.toLocaleString("en-US") : fmt(v, 3);
}

function niceTicks(lo, hi, count) {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / Math.max(count, 1);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw) || 10 * mag;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return out;
}

// ===========================================================================
// colours: the style's scales ([position, CSS hex colour], ...) as RGB
// ===========================================================================

function hexRgb(h) {
  const x = parseInt(h.slice(1), 16);
  return [(x >> 16) & 255, (x >> 8) & 255, x & 255];
}

function rgbHex([r, g, b]) {
  return "#" + ((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1);
}

// a scale of the style as stops [[pos, [r, g, b]], ...] sorted by pos
function scaleStops(scale) {
  return scale.map(([pos, color]) => [pos, hexRgb(color)]);
}

function mix(stops, t) {
  for (let i = 1; i < stops.length; i++) {
    if (t <= stops[i][0]) {
      const [p0, c0] = stops[i - 1];
      const [p1, c1] = stops[i];
      const u = (t - p0) / Math.max(p1 - p0, 1e-9);
      return c0.map((c, k) => Math.round(c + u * (c1[k] - c)));
    }
  }
  return stops[stops.length - 1][1];
}

// the colour of band k of `bands` flat bands
function bandColor(stops, bands, k) {
  return mix(stops, (k + 0.5) / bands);
}

// 256 entries of packed RGBA for byte values, in `bands` flat bands
function bandedLut(stops, bands) {
  const lut = new Uint32Array(256);
  for (let v = 0; v < 256; v++) {
    const [r, g, b] = bandColor(stops, bands, Math.min(Math.floor((v / 255) * bands), bands - 1));
    lut[v] = (255 << 24) | (b << 16) | (g << 8) | r; // little-endian RGBA, opaque
  }
  return lut;
}

// ===========================================================================
// shadings: a field of bytes, upsampled bilinearly into banded colours
// ===========================================================================

function makeFieldImage(g1, g2, up) {
  const w = Math.max(2, (g1 - 1) * up);
  const h = g2 > 1 ? Math.max(2, (g2 - 1) * up) : 1;
  const canvas = document.createElement("canvas");
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(w, h);
  // precomputed source positions along each side
  const sx = new Float32Array(w);
  for (let i = 0; i < w; i++) sx[i] = ((i + 0.5) / w) * (g1 - 1);
  const sy = new Float32Array(h);
  for (let j = 0; j < h; j++) sy[j] = g2 > 1 ? (1 - (j + 0.5) / h) * (g2 - 1) : 0;
  return { canvas, ctx, image, pixels: new Uint32Array(image.data.buffer), w, h, g1, g2, sx, sy };
}

function paintField(img, values, offset, lut) {
  const { w, h, g1, g2, sx, sy, pixels } = img;
  let k = 0;
  for (let j = 0; j < h; j++) {
    const y = sy[j];
    const y0 = Math.min(Math.floor(y), Math.max(g2 - 2, 0));
    const fy = g2 > 1 ? y - y0 : 0;
    const r0 = offset + y0 * g1;
    const r1 = g2 > 1 ? r0 + g1 : r0;
    for (let i = 0; i < w; i++) {
      const x = sx[i];
      const x0 = Math.min(Math.floor(x), g1 - 2);
      const fx = x - x0;
      const top = values[r0 + x0] * (1 - fx) + values[r0 + x0 + 1] * fx;
      const bottom = values[r1 + x0] * (1 - fx) + values[r1 + x0 + 1] * fx;
      pixels[k++] = lut[(top * (1 - fy) + bottom * fy + 0.5) | 0];
    }
  }
  img.ctx.putImageData(img.image, 0, 0);
  return img.canvas;
}

// the shaded a = σ(z) and the cost surfaces: images, colour tables, cells per frame
function shadings(h, S) {
  const [, fg2, fg1] = h.field_shape;
  const [, sg2, sg1] = h.surface_shape;
  const aStops = scaleStops(S.a_scale);
  const jStops = scaleStops(S.j_scale);
  return {
    aStops, jStops, fg1,
    aLut: bandedLut(aStops, S.a_bands),
    jLut: bandedLut(jStops, S.j_bands),
    field: makeFieldImage(fg1, fg2, S.sizes.upsample),
    cost: makeFieldImage(sg1, sg2, S.sizes.upsample),
    fieldSize: fg1 * fg2,
    costSize: sg1 * sg2,
  };
}

// ===========================================================================
// look and layout: three panels on one canvas, side by side or stacked on a phone
// ===========================================================================

// the style's sizes in this mode: presenter mode scales sizes by one factor, lines by another
function lookOf(S, presenter) {
  const z = S.sizes;
  const k = presenter ? S.presenter.size : 1;
  const pick = (pair) => pair[presenter ? 1 : 0];
  return {
    k,
    line: presenter ? S.presenter.line : 1,
    font: Math.round(z.font * k),
    point: pick(z.point),
    legendPoint: pick(z.legend_point),
    current: z.current * k,
    cursorDot: z.cursor_dot * k,
    colorbar: Math.round(z.colorbar.width * k),
  };
}

function panelBoxes(width, z, k) {
  if (width < z.narrow) {
    const hp = Math.round(width * z.stacked.panel);
    return {
      data: { x: 0, y: 0, w: width, h: hp },
      cost: { x: 0, y: hp, w: width, h: hp },
      curves: { x: 0, y: 2 * hp, w: width, h: Math.round(width * z.stacked.curves) },
    };
  }
  const half = Math.floor(width / 2);
  const hp = Math.round(Math.min(half * z.panel.ratio, z.panel.max * k));
  return {
    data: { x: 0, y: 0, w: half, h: hp },
    cost: { x: half, y: 0, w: width - half, h: hp },
    curves: { x: 0, y: hp, w: width, h: Math.round(Math.max(z.curves.min, hp * z.curves.ratio)) },
  };
}

function layout(width, S, look) {
  const z = S.sizes;
  const m = {};
  for (const side of ["l", "r", "t", "b"]) m[side] = Math.round(z.margin[side] * look.k);
  const { data, cost, curves } = panelBoxes(width, z, look.k);
  // room under each title for its legend: two rows on the upper panels, one on the curves
  data.top = cost.top = Math.round(look.font * z.legend_room[0]);
  curves.top = Math.round(look.font * z.legend_room[1]);
  for (const p of [data, cost, curves]) {
    // the plot inside the panel
    p.px = p.x + m.l;
    p.py = p.y + m.t + p.top;
    p.pw = Math.max(z.min_plot, p.w - m.l - m.r);
    p.ph = Math.max(z.min_plot, p.h - m.t - m.b - p.top);
  }
  const height = curves.y + curves.h;
  return { width, height, data, cost, curves, font: look.font, line: look.line, narrow: width < z.narrow };
}

// the axes' ranges: data box (or the label axis), cost surface, iterations (as far as the
// run before went too), J, accuracy
function ranges(h, A, S, before = null) {
  const one = h.inputs === 1;
  const jtop = Math.max(highest(A.curve_cost), highest(A.cost));
  return {
    one,
    box1: h.box[0],
    box2: one ? S.label_range : h.box[1],
    s1: [A.sgrid1[0], A.sgrid1[A.sgrid1.length - 1]],
    s2: [A.sgrid2[0], A.sgrid2[A.sgrid2.length - 1]],
    steps: [0, Math.max(A.steps[h.frames - 1], before ? highest(before.A.steps) : 0, 1)],
    cost: [0, jtop * S.sizes.headroom || 1],
    acc: S.accuracy_range,
  };
}

// the highest finite value, or 0
function highest(values) {
  let top = 0;
  for (const v of values) if (Number.isFinite(v)) top = Math.max(top, v);
  return top;
}

// a value's position in a panel's plot, along x and along y, for an axis range [lo, hi]
const sx = (p, r, v) => p.px + ((v - r[0]) / (r[1] - r[0])) * p.pw;
const sy = (p, r, v) => p.py + p.ph - ((v - r[0]) / (r[1] - r[0])) * p.ph;

function fontOf(P, bold = false) {
  return `${bold ? P.S.sizes.title_weight + " " : ""}${P.L.font}px ${P.S.font}`;
}
