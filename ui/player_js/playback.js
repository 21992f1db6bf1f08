// ===========================================================================
// playback: play/pause, speeds, the slider; the paused frame goes back to Python
// ===========================================================================

function tick(P, now) {
  if (!P.playing) return;
  // rAF's timestamp is the start of this display frame: it can precede t0
  const elapsed = Math.max(0, now - P.t0);
  const f = Math.min(P.F - 1, P.f0 + Math.floor((elapsed * P.fps) / 1000));
  if (f !== P.frame) draw(P, f);
  if (f >= P.F - 1) { stop(P, true); return; }
  P.raf = requestAnimationFrame(P.tick);
}

function start(P) {
  if (P.frame >= P.F - 1) P.frame = 0;
  P.playing = true;
  P.f0 = P.frame;
  P.t0 = performance.now();
  draw(P, P.frame);
  P.el.play.textContent = "⏸ " + P.T.pause;
  P.el.root.dataset.playing = "1";
  P.raf = requestAnimationFrame(P.tick);
}

function stop(P, report) {
  P.playing = false;
  cancelAnimationFrame(P.raf);
  P.el.play.textContent = "▶ " + P.T.play;
  P.el.root.dataset.playing = "0";
  if (report) P.send(P.frame, P.A.steps[P.frame]);
}

function speedButtons(P) {
  const { speeds } = P.el;
  speeds.replaceChildren();
  speeds.setAttribute("aria-label", P.T.speed);
  for (const [name, fps] of P.h.speeds) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = name;
    b.className = "lrp-speed" + (fps === P.fps ? " lrp-on" : "");
    b.onclick = () => {
      P.fps = fps;
      speeds.querySelectorAll("button").forEach((x) => x.classList.toggle("lrp-on", x === b));
      if (P.playing) { P.t0 = performance.now(); P.f0 = P.frame; }
    };
    speeds.appendChild(b);
  }
}

function controls(P) {
  const { root, play, slider } = P.el;
  slider.min = 0;
  slider.max = P.F - 1;
  slider.value = P.frame;
  slider.setAttribute("aria-label", P.T.frame);
  play.onclick = () => (P.playing ? stop(P, true) : start(P));
  slider.oninput = () => {
    if (P.playing) stop(P, false);
    const f = Number(slider.value);
    if (f !== P.frame) draw(P, f);
  };
  slider.onchange = () => P.send(P.frame, P.A.steps[P.frame]);
  play.textContent = "▶ " + P.T.play;
  root.dataset.playing = "0";
  root.dataset.frames = String(P.F);
}

// ===========================================================================
// the hand: a click, a tap or the keyboard's Enter on the cost surface starts a run there; a click or a
// tap on the data adds a training example
// ===========================================================================

// the values on a panel's axes (ranges r1, r2) under a point of the canvas (CSS pixels), or null
// outside its plot
function valueAt(p, r1, r2, x, y) {
  if (x < p.px || x > p.px + p.pw || y < p.py || y > p.py + p.ph) return null;
  return [r1[0] + ((x - p.px) / p.pw) * (r1[1] - r1[0]), r2[0] + ((p.py + p.ph - y) / p.ph) * (r2[1] - r2[0])];
}

// the (u, v) of the cost surface under a point of the canvas
const surfaceAt = (P, x, y) => valueAt(P.L.cost, P.r.s1, P.r.s2, x, y);

// a value rounded to the plot's resolution: the fewest decimals that keep it within half a pixel
function resolved(v, span, pixels) {
  const decimals = Math.min(12, Math.max(0, Math.ceil(-Math.log10(Math.abs(span) / pixels))));
  return Number(v.toFixed(decimals)) + 0;
}

// a point of the cost surface as a start: each value to the plot's resolution
function startValues(P, at) {
  const pc = P.L.cost;
  const { s1, s2 } = P.r;
  return [resolved(at[0], s1[1] - s1[0], pc.pw), resolved(at[1], s2[1] - s2[0], pc.ph)];
}

function startAt(P, at) {
  const values = startValues(P, at);
  if (P.playing) stop(P, false);
  P.pending = values;
  P.el.root.dataset.pending = "1";
  window.__lrpStats.clicked = performance.now();
  draw(P, P.frame);
  P.start({ axes: P.h.surface_axes, values });
}

// ---- the data panel: a click adds a training example there, or removes one a click added ----

// the added point drawn within reach of a point of the canvas (CSS pixels), or -1
function addedAt(P, x, y) {
  const pd = P.L.data;
  const { box1, box2 } = P.r;
  const D = P.added;
  const reach = P.look.point * P.x.hand.added_ring + P.x.hand.slop / 2;
  let hit = -1, best = Infinity;
  for (let j = 0; j < D.x.length; j++) {
    const d = Math.hypot(sx(pd, box1, D.x[j]) - x, sy(pd, box2, D.y[j]) - y);
    if (d <= reach && d < best) { best = d; hit = j; }
  }
  return hit;
}

// a point of the data panel as an example's inputs: each to the plot's resolution, inside the box
// (one input: x1 only, the vertical axis being the label)
function pointValues(P, at) {
  const pd = P.L.data;
  const { box1, box2 } = P.r;
  const inBox = (v, r) => Math.min(Math.max(v, r[0]), r[1]);
  const x1 = inBox(resolved(at[0], box1[1] - box1[0], pd.pw), box1);
  return P.r.one ? [x1] : [x1, inBox(resolved(at[1], box2[1] - box2[0], pd.ph), box2)];
}

function editAt(P, at, x, y) {
  const hit = addedAt(P, x, y);
  if (P.playing) stop(P, false);
  const value = hit >= 0 ? { remove: hit } : { add: pointValues(P, at) };
  P.pendingPoint = hit >= 0 ? { remove: hit } : { at, cls: P.x.add_class };
  P.el.root.dataset.pending = "1";
  window.__lrpStats.clicked = performance.now();
  draw(P, P.frame);
  P.point(value);
}

// what a pointer event is over: the cost surface (a start) or the data panel (an example), if the page
// takes clicks there
function handAt(P, e) {
  const box = P.el.canvas.getBoundingClientRect();
  const x = e.clientX - box.left, y = e.clientY - box.top;
  const surface = P.x.clickable && surfaceAt(P, x, y);
  if (surface) return { surface, x, y };
  const data = P.x.addable && valueAt(P.L.data, P.r.box1, P.r.box2, x, y);
  return data ? { data, x, y } : null;
}

// pointer events (a mouse, a pen, a finger): a press and a release close together on the
// surface or the data; a press that moves farther (a drag, a page scrolled by touch) does nothing
function hand(P) {
  const { canvas } = P.el;
  let press = null;
  canvas.onpointerdown = (e) => {
    press = e.isPrimary && handAt(P, e) ? { id: e.pointerId, x: e.clientX, y: e.clientY } : null;
  };
  canvas.onpointerup = (e) => {
    const p = press;
    press = null;
    if (!p || e.pointerId !== p.id || Math.hypot(e.clientX - p.x, e.clientY - p.y) > P.x.hand.slop) return;
    const at = handAt(P, e);
    if (at && at.surface) startAt(P, at.surface);
    else if (at) editAt(P, at.data, at.x, at.y);
  };
  canvas.onpointercancel = () => { press = null; };
  canvas.onpointermove = (e) => {
    const at = handAt(P, e);
    canvas.style.cursor = !at ? "" : at.surface || addedAt(P, at.x, at.y) < 0 ? "crosshair" : "pointer";
  };
  canvas.onfocus = () => { keyboardFocus(P); draw(P, P.frame); };
  canvas.onblur = () => { P.focused = false; draw(P, P.frame); };
  canvas.onkeydown = (e) => keys(P, e);
}

// the keyboard's focus (not a click's) shows a cross, first at the surface's centre
function keyboardFocus(P) {
  P.focused = P.x.clickable && P.el.canvas.matches(":focus-visible");
  const pc = P.L && P.L.cost;
  if (P.focused && !P.cross && pc) P.cross = surfaceAt(P, pc.px + pc.pw / 2, pc.py + pc.ph / 2);
}

// the keyboard: the arrows move a cross over the surface (Shift: finer), Enter or Space starts there
function keys(P, e) {
  if (!P.focused || !P.cross) return;
  const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
  const { s1, s2 } = P.r;
  if (e.key in moves) {
    const k = e.shiftKey ? P.x.hand.fine_step : P.x.hand.step;
    const [du, dv] = moves[e.key];
    const clamp = (v, r) => Math.min(Math.max(v, Math.min(r[0], r[1])), Math.max(r[0], r[1]));
    P.cross = [clamp(P.cross[0] + du * k * (s1[1] - s1[0]), s1), clamp(P.cross[1] + dv * k * (s2[1] - s2[0]), s2)];
    draw(P, P.frame);
  } else if (e.key === "Enter" || e.key === " ") {
    startAt(P, P.cross);
  } else if (e.key === "Escape") {
    P.el.canvas.blur();
    return;
  } else {
    return;
  }
  e.preventDefault();
}

// what changes while the run stays: the run before, whether a click starts a run, a run to play
function setExtras(P, extras) {
  const x = extras ? extras.header : {};
  P.x = { clickable: !!x.clickable && !!P.start, addable: !!x.addable && !!P.point, add_class: x.add_class || 0,
    hand: x.hand || {}, play: x.play || 0 };
  const E = extras ? extras.arrays : {};
  P.before = x.before ? { label: x.before.label, A: E } : null;
  P.added = { x: E.added_x || [], y: E.added_y || [], cls: E.added_class || [] };
  P.r = ranges(P.h, P.A, P.S, P.before);
  P.pending = null;
  P.pendingPoint = null;
  delete P.el.root.dataset.pending;
  const { canvas } = P.el;
  if (P.x.clickable) canvas.tabIndex = 0; else canvas.removeAttribute("tabindex");
  canvas.setAttribute("role", P.x.clickable ? "application" : "img");
  P.el.root.dataset.before = P.before ? P.before.label : "";
  keyboardFocus(P); // a new run keeps the keyboard's focus
}

// play from the first frame, once for each number the page sends (a run started by a click)
function playOnce(P) {
  const { root } = P.el;
  if (!P.x.play || root.__lrpPlayed === P.x.play) return;
  root.__lrpPlayed = P.x.play;
  P.frame = 0;
  start(P);
}

// ===========================================================================
// mounting: one player per root, kept while the same bytes come again
// ===========================================================================

function build(root, run, send, startFn, pointFn, extras) {
  const { header: h, arrays: A } = run;
  const S = h.style;
  const $ = (sel) => root.querySelector(sel);
  const canvas = $(".lrp-canvas");
  const el = { root, canvas, ctx: canvas.getContext("2d"), play: $(".lrp-play"), slider: $(".lrp-slider"),
    label: $(".lrp-label"), speeds: $(".lrp-speeds"), graph: $(".lrp-graph") };
  const P = {
    h, A, S, T: h.texts, F: h.frames, send, el,
    look: lookOf(S, !!h.presenter), r: null, img: shadings(h, S),
    frame: h.start, playing: false, fps: h.speeds[0][1], t0: 0, f0: 0, raf: 0,
    L: null, base: null, overlay: null, dpr: 1, cells: {}, start: startFn, point: pointFn,
    pending: null, pendingPoint: null, cross: null, focused: false,
  };
  setExtras(P, extras);
  P.tick = (now) => tick(P, now);
  root.classList.toggle("lrp-presenter", !!h.presenter);
  speedButtons(P);
  buildGraph(P);
  controls(P);
  P.redraw = () => { layers(P); keyboardFocus(P); draw(P, P.frame); };
  P.stop = () => stop(P, false);
  hand(P);
  P.redraw();
  window.__lrpStats.built = performance.now();
  return P;
}

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

// redraw at a new width (the page's column, a phone turned round)
function watchWidth(root) {
  if (root.__lrpObserver) return;
  let width = 0;
  root.__lrpObserver = new ResizeObserver(() => {
    const w = Math.floor(root.getBoundingClientRect().width);
    if (w !== width && root[STATE]) { width = w; root[STATE].player.redraw(); }
  });
  root.__lrpObserver.observe(root);
}

export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component;
  const root = parentElement.querySelector(".lrp");
  if (!root || !data) return;
  const { extras, raw, payload: bytes } = splitData(data instanceof Uint8Array ? data : new Uint8Array(data));
  const old = root[STATE];
  // the same run again (a rerun of the page): keep the player, take the extras if they changed
  if (old && sameBytes(old.bytes, bytes)) {
    if (!old.raw || !raw || !sameBytes(old.raw, raw)) {
      old.raw = raw && raw.slice();
      setExtras(old.player, extras);
      old.player.redraw();
    }
    playOnce(old.player);
    return;
  }
  if (old) old.player.stop();
  const stats = (window.__lrpStats = window.__lrpStats || { draws: [], ms: [] });
  stats.received = performance.now(); // a new run's bytes (bench/browser_bench.py times them)
  const send = (frame, step) => setStateValue("paused", { frame, step });
  const startFn = setTriggerValue ? (value) => setTriggerValue("start", value) : null;
  const pointFn = setTriggerValue ? (value) => setTriggerValue("point", value) : null;
  const player = build(root, readPayload(bytes), send, startFn, pointFn, extras);
  root[STATE] = { bytes: bytes.slice(), raw: raw && raw.slice(), player };
  playOnce(player);
  watchWidth(root);
  return () => {
    if (root[STATE]) root[STATE].player.stop();
  };
}
