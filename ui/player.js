// The Train page's animation: a canvas player for the payload of
// logreg_core/figures/player.py.  Python computes every number; this file only
// draws them.  It receives the whole run once (bytes), plays it with
// requestAnimationFrame, and sends back only the frame where the student pauses.

const STATE = "__lrpState";

// ---------------------------------------------------------------------------
// reading the payload
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// numbers and colours
// ---------------------------------------------------------------------------

// The app's number format (logreg_core.lesson_math.fmt): 4 significant digits, like
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

function hexRgb(h) {
  const x = parseInt(h.slice(1), 16);
  return [(x >> 16) & 255, (x >> 8) & 255, x & 255];
}

function mix(stops, t) {
  // stops: [[pos, [r, g, b]], ...] sorted by pos
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

// a = σ(z): class-0 blue, white at 0.5, class-1 orange (the plotly figures' scale)
const A_STOPS = [[0, hexRgb("#9ccbe8")], [0.5, hexRgb("#ffffff")], [1, hexRgb("#f7d08a")]];
// J: reversed viridis, light where J is low so the dark path stays readable
const VIRIDIS = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e",
  "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"];
const J_STOPS = VIRIDIS.slice().reverse().map((c, i) => [i / (VIRIDIS.length - 1), hexRgb(c)]);

// 256 entries of packed RGBA for byte values, in `bands` flat bands
function bandedLut(stops, bands, alpha) {
  const lut = new Uint32Array(256);
  for (let v = 0; v < 256; v++) {
    const band = Math.min(Math.floor((v / 255) * bands), bands - 1);
    const [r, g, b] = mix(stops, (band + 0.5) / bands);
    lut[v] = (alpha << 24) | (b << 16) | (g << 8) | r; // little-endian RGBA
  }
  return lut;
}

function cssColor(stops, t) {
  const [r, g, b] = mix(stops, t);
  return `rgb(${r},${g},${b})`;
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

// ---------------------------------------------------------------------------
// a field of bytes, upsampled bilinearly into banded colours
// ---------------------------------------------------------------------------

const UP = 8; // image pixels per grid cell and side
const ACC = [0, 1.05]; // the accuracy axis, a little above 1 so the line stays clear of the frame

function makeFieldImage(g1, g2) {
  const w = Math.max(2, (g1 - 1) * UP);
  const h = g2 > 1 ? Math.max(2, (g2 - 1) * UP) : 1;
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

// ---------------------------------------------------------------------------
// layout: three panels on one canvas, side by side or stacked on a phone
// ---------------------------------------------------------------------------

function layout(width, h) {
  const P = h.presenter ? 1.4 : 1;
  const font = Math.round(12 * P);
  const narrow = width < 700;
  const m = { l: Math.round(52 * P), r: Math.round(58 * P), t: Math.round(30 * P), b: Math.round(40 * P) };
  let data, cost, curves, height;
  if (narrow) {
    const side = width;
    const hp = Math.round(side * 0.82);
    data = { x: 0, y: 0, w: side, h: hp };
    cost = { x: 0, y: hp, w: side, h: hp };
    curves = { x: 0, y: 2 * hp, w: side, h: Math.round(side * 0.72) };
    height = curves.y + curves.h;
  } else {
    const half = Math.floor(width / 2);
    const hp = Math.round(Math.min(half * 0.86, 520 * P));
    data = { x: 0, y: 0, w: half, h: hp };
    cost = { x: half, y: 0, w: width - half, h: hp };
    curves = { x: 0, y: hp, w: width, h: Math.round(Math.max(220, hp * 0.55)) };
    height = curves.y + curves.h;
  }
  // room under each title for its legend: two rows on the upper panels, one on the curves
  data.top = cost.top = Math.round(font * 3.2);
  curves.top = Math.round(font * 1.8);
  for (const p of [data, cost, curves]) {
    const extra = p.top || 0;
    p.px = p.x + m.l;
    p.py = p.y + m.t + extra;
    p.pw = Math.max(40, p.w - m.l - m.r);
    p.ph = Math.max(40, p.h - m.t - m.b - extra);
  }
  return { width, height, data, cost, curves, font, line: h.presenter ? 2 : 1, narrow };
}

// ---------------------------------------------------------------------------
// the player
// ---------------------------------------------------------------------------

function build(root, run, send) {
  const { header: h, arrays: A } = run;
  const T = h.texts;
  const F = h.frames;
  const st = {
    run, frame: h.start, playing: false, fps: h.speeds[0][1], t0: 0, f0: 0, raf: 0,
    L: null, base: null, overlay: null, dpr: 1,
  };
  const $ = (sel) => root.querySelector(sel);
  const canvas = $(".lrp-canvas");
  const ctx = canvas.getContext("2d");
  const play = $(".lrp-play");
  const slider = $(".lrp-slider");
  const label = $(".lrp-label");
  root.classList.toggle("lrp-presenter", !!h.presenter);
  slider.min = 0;
  slider.max = F - 1;
  slider.value = st.frame;
  slider.setAttribute("aria-label", T.frame);

  // speed buttons
  const speeds = $(".lrp-speeds");
  speeds.replaceChildren();
  speeds.setAttribute("aria-label", T.speed);
  for (const [name, fps] of h.speeds) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = name;
    b.className = "lrp-speed" + (fps === st.fps ? " lrp-on" : "");
    b.onclick = () => {
      st.fps = fps;
      speeds.querySelectorAll("button").forEach((x) => x.classList.toggle("lrp-on", x === b));
      if (st.playing) { st.t0 = performance.now(); st.f0 = st.frame; }
    };
    speeds.appendChild(b);
  }

  const aLut = bandedLut(A_STOPS, h.a_bands, 255);
  const jLut = bandedLut(J_STOPS, h.j_bands, 255);
  const [fF, fg2, fg1] = h.field_shape;
  const [, sg2, sg1] = h.surface_shape;
  const fieldImg = makeFieldImage(fg1, fg2);
  const costImg = makeFieldImage(sg1, sg2);
  const fieldSize = fg1 * fg2;
  const costSize = sg1 * sg2;
  const one = h.inputs === 1;
  const box1 = h.box[0];
  const box2 = one ? [-0.15, 1.15] : h.box[1];
  const s1 = [A.sgrid1[0], A.sgrid1[A.sgrid1.length - 1]];
  const s2 = [A.sgrid2[0], A.sgrid2[A.sgrid2.length - 1]];
  const lastStep = Math.max(A.steps[F - 1], 1);
  const stepMax = Math.max(lastStep, 1);
  let jtop = 0;
  for (const v of A.curve_cost) if (Number.isFinite(v)) jtop = Math.max(jtop, v);
  for (const v of A.cost) if (Number.isFinite(v)) jtop = Math.max(jtop, v);
  jtop = jtop * 1.05 || 1;

  const X = (p, lo, hi, v) => p.px + ((v - lo) / (hi - lo)) * p.pw;
  const Y = (p, lo, hi, v) => p.py + p.ph - ((v - lo) / (hi - lo)) * p.ph;

  function axes(g, p, xr, yr, xt, yt, title, yr2, yt2) {
    const L = st.L;
    g.save();
    g.fillStyle = "#fff";
    g.fillRect(p.px, p.py, p.pw, p.ph);
    g.strokeStyle = "#e6e6e6";
    g.lineWidth = 1;
    g.font = `${L.font}px ${h.font}`;
    g.fillStyle = "#333";
    g.textAlign = "center";
    g.textBaseline = "top";
    for (const v of niceTicks(xr[0], xr[1], p.pw / 75)) {
      const x = X(p, xr[0], xr[1], v);
      g.beginPath(); g.moveTo(x, p.py); g.lineTo(x, p.py + p.ph); g.stroke();
      g.fillText(tickText(v), x, p.py + p.ph + 4);
    }
    g.textAlign = "right";
    g.textBaseline = "middle";
    for (const v of niceTicks(yr[0], yr[1], p.ph / 60)) {
      const y = Y(p, yr[0], yr[1], v);
      g.beginPath(); g.moveTo(p.px, y); g.lineTo(p.px + p.pw, y); g.stroke();
      g.fillText(tickText(v), p.px - 5, y);
    }
    if (yr2) {
      g.textAlign = "left";
      for (const v of niceTicks(yr2[0], yr2[1], p.ph / 60)) {
        g.fillText(tickText(v), p.px + p.pw + 5, Y(p, yr2[0], yr2[1], v));
      }
    }
    // axis titles and the panel's title
    g.textAlign = "center";
    g.textBaseline = "bottom";
    g.fillText(xt, p.px + p.pw / 2, p.y + p.h - 2);
    g.font = `600 ${L.font}px ${h.font}`;
    g.fillText(title, p.x + p.w / 2, p.py - 8 - (p.top || 0), p.w - 8);
    g.font = `${L.font}px ${h.font}`;
    g.save();
    g.translate(p.x + 12, p.py + p.ph / 2);
    g.rotate(-Math.PI / 2);
    g.textBaseline = "middle";
    g.fillText(yt, 0, 0, p.ph);
    g.restore();
    if (yt2) {
      g.save();
      g.translate(p.x + p.w - 10, p.py + p.ph / 2);
      g.rotate(Math.PI / 2);
      g.textBaseline = "middle";
      g.fillText(yt2, 0, 0, p.ph);
      g.restore();
    }
    g.restore();
  }

  function colorbar(g, p, stops, bands, lo, hi, name, geometric = false) {
    const L = st.L;
    const w = Math.round(10 * (h.presenter ? 1.4 : 1));
    const x = p.px + p.pw + 8;
    const top = p.py + p.ph * 0.15;
    const len = p.ph * 0.7;
    for (let k = 0; k < bands; k++) {
      g.fillStyle = cssColor(stops, (k + 0.5) / bands);
      const y0 = top + len - ((k + 1) / bands) * len;
      g.fillRect(x, y0, w, len / bands + 0.5);
    }
    g.strokeStyle = "#999";
    g.strokeRect(x, top, w, len);
    g.fillStyle = "#333";
    g.font = `${L.font}px ${h.font}`;
    g.textAlign = "left";
    g.textBaseline = "middle";
    const room = p.x + p.w - x - w - 4;
    g.fillText(fmt(hi, 3), x + w + 3, top, room);
    g.fillText(fmt(lo, 3), x + w + 3, top + len, room);
    if (geometric && lo > 0) g.fillText(fmt(Math.sqrt(lo * hi), 3), x + w + 3, top + len / 2, room);
    g.textAlign = "center";
    g.textBaseline = "bottom";
    g.fillText(name, x + w / 2, top - 4);
  }

  function polyline(g, xs, ys, p, xr, yr, from, to, step = 1) {
    g.beginPath();
    let pen = false;
    for (let i = from; i < to; i += step) {
      const a = xs[i], b = ys[i];
      if (!Number.isFinite(a) || !Number.isFinite(b) || a < -1e30 || b < -1e30) { pen = false; continue; }
      const x = X(p, xr[0], xr[1], a), y = Y(p, yr[0], yr[1], b);
      if (pen) g.lineTo(x, y); else g.moveTo(x, y);
      pen = true;
    }
    g.stroke();
  }

  function layers() {
    const rect = root.getBoundingClientRect();
    const width = Math.max(280, Math.floor(rect.width));
    const L = (st.L = layout(width, h));
    const dpr = (st.dpr = window.devicePixelRatio || 1);
    canvas.style.width = L.width + "px";
    canvas.style.height = L.height + "px";
    canvas.width = Math.round(L.width * dpr);
    canvas.height = Math.round(L.height * dpr);
    const make = () => {
      const c = document.createElement("canvas");
      c.width = canvas.width;
      c.height = canvas.height;
      const g = c.getContext("2d");
      g.scale(dpr, dpr);
      return [c, g];
    };
    // base: white, grids, ticks, titles
    const [base, gb] = make();
    gb.fillStyle = "#fff";
    gb.fillRect(0, 0, L.width, L.height);
    const { data: pd, cost: pc, curves: pk } = L;
    axes(gb, pd, box1, box2, h.input_names[0], one ? T.label_axis : h.input_names[1], T.data_title);
    const [u, v] = h.surface_axes;
    const ctitle = h.surface_exact ? T.cost_title_exact : T.cost_title.replace("{u}", u).replace("{v}", v);
    axes(gb, pc, s1, s2, h.surface_titles[0], h.surface_titles[1], ctitle);
    axes(gb, pk, [0, stepMax], [0, jtop], T.iteration_axis, "J", T.curves_title, ACC, T.accuracy_axis);
    colorbar(gb, pd, A_STOPS, h.a_bands, 0, 1, "a");
    // overlay: what does not move (points, the whole path, the curves)
    const [over, go] = make();
    go.save();
    go.beginPath();
    go.rect(pd.px, pd.py, pd.pw, pd.ph);
    go.clip();
    const r = (h.presenter ? 5 : 3.6) * (A.px.length > 1000 ? 0.75 : 1);
    for (let i = 0; i < A.px.length; i++) {
      const x = X(pd, box1[0], box1[1], A.px[i]);
      const y = Y(pd, box2[0], box2[1], A.py[i]);
      marker(go, x, y, A.pclass[i], A.ppart[i], r);
    }
    go.restore();
    go.save();
    go.beginPath();
    go.rect(pc.px, pc.py, pc.pw, pc.ph);
    go.clip();
    go.strokeStyle = "rgba(17,17,17,0.3)";
    go.lineWidth = 1.5 * L.line;
    polyline(go, A.full1, A.full2, pc, s1, s2, 0, A.full1.length);
    go.restore();
    go.save();
    go.beginPath();
    go.rect(pk.px, pk.py, pk.pw, pk.ph);
    go.clip();
    go.lineWidth = 1.5 * L.line;
    go.strokeStyle = "#009E73";
    polyline(go, A.curve_steps, A.curve_train, pk, [0, stepMax], ACC, 0, A.curve_steps.length);
    if (h.has_test) {
      go.setLineDash([6, 4]);
      go.strokeStyle = "#56B4E9";
      polyline(go, A.curve_steps, A.curve_test, pk, [0, stepMax], ACC, 0, A.curve_steps.length);
      go.setLineDash([]);
    }
    go.lineWidth = 2 * L.line;
    go.strokeStyle = "#111";
    polyline(go, A.curve_steps, A.curve_cost, pk, [0, stepMax], [0, jtop], 0, A.curve_steps.length);
    go.restore();
    const items = legendItems();
    legend(go, pd, items.data);
    legend(go, pc, items.cost);
    legend(go, pk, items.curves);
    // the same words for a screen reader (and a test): titles, axes and legends, as text
    const words = [T.data_title, h.input_names[0], one ? T.label_axis : h.input_names[1],
      ...items.data.map((i) => i[1]), ctitle, ...h.surface_titles, ...items.cost.map((i) => i[1]),
      T.curves_title, T.iteration_axis, T.accuracy_axis, ...items.curves.map((i) => i[1])];
    canvas.setAttribute("aria-label", words.join("; "));
    st.base = base;
    st.overlay = over;
  }

  // a data point: class 0 a circle, class 1 a diamond; training filled, test hollow
  function marker(g, x, y, cls, part, r) {
    const color = h.colors.class[cls];
    g.beginPath();
    if (cls === 1) {
      g.moveTo(x, y - r * 1.3); g.lineTo(x + r * 1.3, y); g.lineTo(x, y + r * 1.3); g.lineTo(x - r * 1.3, y); g.closePath();
    } else {
      g.arc(x, y, r, 0, 2 * Math.PI);
    }
    if (part === 1) {
      g.lineWidth = 1.5 * st.L.line;
      g.strokeStyle = color;
      g.stroke();
    } else {
      g.fillStyle = color;
      g.fill();
      g.lineWidth = 1;
      g.strokeStyle = "#fff";
      g.stroke();
    }
  }

  // what each panel's legend shows: [draw(g, x, y), text]
  function classText(part, cls) {
    const name = h.class_names[cls];
    const label = name === String(cls) ? `y = ${cls}` : `y = ${cls} (${name})`;
    return `${part ? T.test : T.train} · ${label}`;
  }
  function legendItems() {
    const r = h.presenter ? 5 : 4;
    const line = (color, dash, width = 2) => (g, x, y) => {
      g.strokeStyle = color;
      g.lineWidth = width * st.L.line;
      g.setLineDash(dash);
      g.beginPath(); g.moveTo(x, y); g.lineTo(x + 20, y); g.stroke();
      g.setLineDash([]);
    };
    const dot = (cls, part) => (g, x, y) => marker(g, x + 10, y, cls, part, r);
    const data = [[dot(0, 0), classText(0, 0)], [dot(1, 0), classText(0, 1)]];
    if (h.has_test) data.push([dot(0, 1), classText(1, 0)], [dot(1, 1), classText(1, 1)]);
    data.push([line(h.colors.boundary, [], 3), T.boundary]);
    const [u, v] = h.surface_axes;
    const cost = [
      [line(h.colors.path, []), T.path.replace("{u}", u).replace("{v}", v)],
      [line("rgba(17,17,17,0.3)", []), T.whole_path],
      [(g, x, y) => {
        g.beginPath(); g.arc(x + 10, y, r + 1, 0, 2 * Math.PI);
        g.fillStyle = h.colors.current; g.fill();
      }, T.current],
    ];
    const curves = [[line("#111", []), T.cost_curve], [line("#009E73", []), T.train_accuracy]];
    if (h.has_test) curves.push([line("#56B4E9", [6, 4]), T.test_accuracy]);
    return { data, cost, curves };
  }

  // a legend in the room under a panel's title, wrapped into as many rows as it needs
  function legend(g, p, items) {
    const L = st.L;
    g.save();
    g.font = `${L.font}px ${h.font}`;
    g.textBaseline = "middle";
    g.textAlign = "left";
    const rowH = L.font * 1.4;
    const rows = [[]];
    let width = 0;
    for (const item of items) {
      const w = Math.min(g.measureText(item[1]).width + 36, p.w - 8);
      if (width + w > p.w - 8 && rows[rows.length - 1].length) { rows.push([]); width = 0; }
      rows[rows.length - 1].push([item, w]);
      width += w;
    }
    const top = p.py - p.top + (p.top - rows.length * rowH) / 2 + rowH / 2 - 2;
    rows.forEach((row, k) => {
      const total = row.reduce((s, [, w]) => s + w, 0);
      let x = p.x + Math.max(4, (p.w - total) / 2);
      const y = top + k * rowH;
      for (const [[draw, text], w] of row) {
        draw(g, x, y);
        g.fillStyle = "#333";
        g.fillText(text, x + 24, y, w - 30);
        x += w;
      }
    });
    g.restore();
  }

  // ---- one frame -----------------------------------------------------------
  function draw(f) {
    const t0 = performance.now();
    const L = st.L;
    const dpr = st.dpr;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(st.base, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    const { data: pd, cost: pc, curves: pk } = L;
    // panel 1: a = σ(z) shaded, the boundary
    const field = paintField(fieldImg, A.field, f * fieldSize, aLut);
    ctx.drawImage(field, pd.px, pd.py, pd.pw, pd.ph);
    ctx.save();
    ctx.beginPath();
    ctx.rect(pd.px, pd.py, pd.pw, pd.ph);
    ctx.clip();
    if (one) {
      // the curve a = σ(z) along x1, from the same bytes
      ctx.strokeStyle = "#444";
      ctx.lineWidth = 2 * L.line;
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      for (let i = 0; i < fg1; i++) {
        const x = X(pd, box1[0], box1[1], A.grid1[i]);
        const y = Y(pd, box2[0], box2[1], A.field[f * fieldSize + i] / 255);
        if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      }
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.strokeStyle = h.colors.boundary;
    ctx.lineWidth = 3 * L.line;
    const b0 = A.boundary_start[f], b1 = A.boundary_start[f + 1];
    ctx.beginPath();
    let pen = false;
    for (let i = b0; i < b1; i++) {
      const bx = A.boundary[2 * i], by = A.boundary[2 * i + 1];
      if (one) {
        const x = X(pd, box1[0], box1[1], bx);
        ctx.moveTo(x, pd.py); ctx.lineTo(x, pd.py + pd.ph);
        continue;
      }
      if (!Number.isFinite(bx) || !Number.isFinite(by)) { pen = false; continue; }
      const x = X(pd, box1[0], box1[1], bx), y = Y(pd, box2[0], box2[1], by);
      if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      pen = true;
    }
    ctx.stroke();
    ctx.restore();
    // panel 2: the cost surface of this frame
    const sf = h.surface_exact ? 0 : f;
    const surf = paintField(costImg, A.surface, sf * costSize, jLut);
    ctx.drawImage(surf, pc.px, pc.py, pc.pw, pc.ph);
    // what does not move, over the shading
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(st.overlay, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    colorbarJ(pc, A.surface_lo[sf], A.surface_hi[sf]);
    ctx.save();
    ctx.beginPath();
    ctx.rect(pc.px, pc.py, pc.pw, pc.ph);
    ctx.clip();
    ctx.strokeStyle = h.colors.path;
    ctx.fillStyle = h.colors.path;
    ctx.lineWidth = 2 * L.line;
    polyline(ctx, A.path1, A.path2, pc, s1, s2, 0, f + 1);
    const cx = X(pc, s1[0], s1[1], A.path1[f]), cy = Y(pc, s2[0], s2[1], A.path2[f]);
    ctx.beginPath();
    ctx.arc(cx, cy, 6 * (h.presenter ? 1.4 : 1), 0, 2 * Math.PI);
    ctx.fillStyle = h.colors.current;
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = "#fff";
    ctx.stroke();
    ctx.restore();
    // panel 3: the cursor at this step
    const sx = X(pk, 0, stepMax, A.steps[f]);
    ctx.save();
    ctx.strokeStyle = h.colors.current;
    ctx.lineWidth = 1.5 * L.line;
    ctx.setLineDash([4, 3]);
    ctx.beginPath(); ctx.moveTo(sx, pk.py); ctx.lineTo(sx, pk.py + pk.ph); ctx.stroke();
    ctx.setLineDash([]);
    const dots = [[Y(pk, 0, jtop, A.cost[f]), A.cost[f], "#111"],
      [Y(pk, ACC[0], ACC[1], A.acc_train[f]), A.acc_train[f], "#009E73"]];
    if (h.has_test) dots.push([Y(pk, ACC[0], ACC[1], A.acc_test[f]), A.acc_test[f], "#56B4E9"]);
    for (const [y, v, color] of dots) {
      if (!(v >= 0)) continue;
      ctx.beginPath();
      ctx.arc(sx, y, 5 * (h.presenter ? 1.4 : 1), 0, 2 * Math.PI);
      ctx.fillStyle = color;
      ctx.fill();
      ctx.strokeStyle = "#fff";
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
    ctx.restore();
    numbers(f);
    st.frame = f;
    if (document.activeElement !== slider || st.playing) slider.value = f;
    const stats = (window.__lrpStats = window.__lrpStats || { draws: [], ms: [] });
    if (st.playing || stats.recordAll) {
      stats.draws.push(performance.now());
      stats.ms.push(performance.now() - t0);
      if (stats.draws.length > 5000) { stats.draws.splice(0, 1000); stats.ms.splice(0, 1000); }
    }
    root.dataset.frame = String(f);
    root.dataset.step = String(A.steps[f]);
  }

  function colorbarJ(p, lo, hi) {
    colorbar(ctx, p, J_STOPS, h.j_bands, lo, hi, "J", true);
  }

  // ---- the numbers of the computational graph -------------------------------
  const n = h.n;
  const graph = $(".lrp-graph");
  graph.replaceChildren();
  const cells = {};
  function cell(parent, key, cls) {
    const el = document.createElement("span");
    el.className = "lrp-num " + (cls || "");
    parent.appendChild(el);
    cells[key] = el;
    return el;
  }
  function node(parent, cls, parts) {
    const d = document.createElement("div");
    d.className = "lrp-node " + cls;
    for (const p of parts) {
      if (typeof p === "string") d.appendChild(document.createTextNode(p));
      else d.appendChild(p);
    }
    parent.appendChild(d);
    return d;
  }
  const span = (text, cls) => {
    const s = document.createElement("span");
    s.textContent = text;
    if (cls) s.className = cls;
    return s;
  };
  const heading = document.createElement("div");
  heading.className = "lrp-graph-title";
  heading.textContent = T.graph_title.replace("{i}", String(h.example + 1)).replace("{y}", String(h.y));
  graph.appendChild(heading);
  const fw = document.createElement("div");
  fw.className = "lrp-row lrp-forward";
  fw.appendChild(span(T.forward, "lrp-dir"));
  const inputs = document.createElement("div");
  inputs.className = "lrp-inputs";
  for (let j = 0; j < n; j++) {
    const name = h.feature_names[j];
    node(inputs, "lrp-in", [span(`x${j + 1}`, "lrp-sym"), span(name === `x${j + 1}` ? "" : ` (${name})`, "lrp-feat"), " = " + fmt(h.x[j])]);
    node(inputs, "lrp-in", [span(`w${j + 1}`, "lrp-sym"), " = ", cell(document.createElement("span"), `w${j}`)]);
  }
  node(inputs, "lrp-in", [span("b", "lrp-sym"), " = ", cell(document.createElement("span"), "b")]);
  fw.appendChild(inputs);
  fw.appendChild(span("→", "lrp-arrow"));
  node(fw, "lrp-op", [span("z = wᵀx + b", "lrp-eq"), " = ", cell(document.createElement("span"), "z")]);
  fw.appendChild(span("→", "lrp-arrow"));
  node(fw, "lrp-op", [span("a = σ(z)", "lrp-eq"), " = ", cell(document.createElement("span"), "a")]);
  fw.appendChild(span("→", "lrp-arrow"));
  node(fw, "lrp-op", [span(`L(a, y = ${h.y})`, "lrp-eq"), " = ", cell(document.createElement("span"), "L")]);
  graph.appendChild(fw);
  const bw = document.createElement("div");
  bw.className = "lrp-row lrp-backward";
  bw.appendChild(span(T.backward, "lrp-dir"));
  const grads = document.createElement("div");
  grads.className = "lrp-inputs";
  for (let j = 0; j < n; j++) {
    node(grads, "lrp-in", [span(`dw${j + 1} = x${j + 1}·dz`, "lrp-eq"), " = ", cell(document.createElement("span"), `dwi${j}`)]);
  }
  node(grads, "lrp-in", [span("db = dz", "lrp-eq"), " = ", cell(document.createElement("span"), "dbi")]);
  bw.appendChild(grads);
  bw.appendChild(span("←", "lrp-arrow"));
  node(bw, "lrp-op", [span("dz = a − y", "lrp-eq"), " = ", cell(document.createElement("span"), "dz")]);
  bw.appendChild(span("←", "lrp-arrow"));
  node(bw, "lrp-op", [span("da = −y/a + (1−y)/(1−a)", "lrp-eq"), " = ", cell(document.createElement("span"), "da")]);
  graph.appendChild(bw);
  const means = document.createElement("div");
  means.className = "lrp-row lrp-means";
  means.appendChild(span(T.means, "lrp-dir"));
  node(means, "lrp-op", [span("J", "lrp-eq"), " = ", cell(document.createElement("span"), "J")]);
  for (let j = 0; j < n; j++) {
    node(means, "lrp-op", [span(`dw${j + 1}`, "lrp-eq"), " = ", cell(document.createElement("span"), `dw${j}`)]);
  }
  node(means, "lrp-op", [span("db", "lrp-eq"), " = ", cell(document.createElement("span"), "db")]);
  graph.appendChild(means);
  const upd = document.createElement("div");
  upd.className = "lrp-row lrp-update";
  upd.appendChild(span(T.update, "lrp-dir"));
  for (let j = 0; j < n; j++) {
    node(upd, "lrp-op", [span(`w${j + 1} := w${j + 1} − α·dw${j + 1}`, "lrp-eq"), " = ", cell(document.createElement("span"), `uw${j}`)]);
  }
  node(upd, "lrp-op", [span("b := b − α·db", "lrp-eq"), " = ", cell(document.createElement("span"), "ub")]);
  graph.appendChild(upd);

  function numbers(f) {
    for (let j = 0; j < n; j++) {
      cells[`w${j}`].textContent = fmt(A.w[f * n + j]);
      cells[`dwi${j}`].textContent = fmt(A.dw_i[f * n + j]);
      cells[`dw${j}`].textContent = fmt(A.dw[f * n + j]);
      cells[`uw${j}`].textContent = `${fmt(A.w[f * n + j])} − ${fmt(h.alpha)}·${par(A.dw[f * n + j])} = ${fmt(A.next_w[f * n + j])}`;
    }
    cells.b.textContent = fmt(A.b[f]);
    cells.z.textContent = fmt(A.z[f]);
    cells.a.textContent = fmt(A.a[f]);
    cells.L.textContent = fmt(A.loss[f]);
    cells.da.textContent = fmt(A.da[f]);
    cells.dz.textContent = fmt(A.dz[f]);
    cells.dbi.textContent = fmt(A.dz[f]);
    cells.J.textContent = fmt(A.cost[f]);
    cells.db.textContent = fmt(A.db[f]);
    cells.ub.textContent = `${fmt(A.b[f])} − ${fmt(h.alpha)}·${par(A.db[f])} = ${fmt(A.next_b[f])}`;
    const parts = [T.step.replace("{step}", A.steps[f].toLocaleString("en-US")), `J = ${fmt(A.cost[f])}`,
      `${T.train_accuracy} ${pct(A.acc_train[f])}`];
    if (h.has_test) parts.push(`${T.test_accuracy} ${pct(A.acc_test[f])}`);
    if (f === F - 1) parts.push(T.ends_here);
    label.textContent = parts.join("  ·  ");
  }

  // ---- playing ---------------------------------------------------------------
  function tick(now) {
    if (!st.playing) return;
    // rAF's timestamp is the start of this display frame: it can precede t0
    const elapsed = Math.max(0, now - st.t0);
    const f = Math.min(F - 1, st.f0 + Math.floor((elapsed * st.fps) / 1000));
    if (f !== st.frame) draw(f);
    if (f >= F - 1) { stop(true); return; }
    st.raf = requestAnimationFrame(tick);
  }
  function start() {
    if (st.frame >= F - 1) st.frame = 0;
    st.playing = true;
    st.f0 = st.frame;
    st.t0 = performance.now();
    draw(st.frame);
    play.textContent = "⏸ " + T.pause;
    root.dataset.playing = "1";
    st.raf = requestAnimationFrame(tick);
  }
  function stop(report) {
    st.playing = false;
    cancelAnimationFrame(st.raf);
    play.textContent = "▶ " + T.play;
    root.dataset.playing = "0";
    if (report) send(st.frame, A.steps[st.frame]);
  }
  play.onclick = () => (st.playing ? stop(true) : start());
  slider.oninput = () => {
    if (st.playing) stop(false);
    const f = Number(slider.value);
    if (f !== st.frame) draw(f);
  };
  slider.onchange = () => send(st.frame, A.steps[st.frame]);
  play.textContent = "▶ " + T.play;
  root.dataset.playing = "0";
  root.dataset.frames = String(F);

  st.redraw = () => { layers(); draw(st.frame); };
  st.stop = () => stop(false);
  st.redraw();
  return st;
}

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const root = parentElement.querySelector(".lrp");
  if (!root || !data) return;
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const old = root[STATE];
  // the same run again (a rerun of the page): keep the player as it is
  if (old && sameBytes(old.bytes, bytes)) return;
  if (old) old.player.stop();
  const run = readPayload(bytes);
  const send = (frame, step) => setStateValue("paused", { frame, step });
  const player = build(root, run, send);
  root[STATE] = { bytes: bytes.slice(), player };
  if (!root.__lrpObserver) {
    let width = 0;
    root.__lrpObserver = new ResizeObserver(() => {
      const w = Math.floor(root.getBoundingClientRect().width);
      if (w !== width && root[STATE]) { width = w; root[STATE].player.redraw(); }
    });
    root.__lrpObserver.observe(root);
  }
  return () => {
    if (root[STATE]) root[STATE].player.stop();
  };
}
