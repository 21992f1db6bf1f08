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
// the hand: a click, a tap or the keyboard's Enter on the cost surface starts a run there
// ===========================================================================

// the (u, v) of the cost surface under a point of the canvas (CSS pixels), or null outside its plot
function surfaceAt(P, x, y) {
  const pc = P.L.cost;
  if (x < pc.px || x > pc.px + pc.pw || y < pc.py || y > pc.py + pc.ph) return null;
  const { s1, s2 } = P.r;
  return [s1[0] + ((x - pc.px) / pc.pw) * (s1[1] - s1[0]),
    s2[0] + ((pc.py + pc.ph - y) / pc.ph) * (s2[1] - s2[0])];
}

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

function pointAt(P, e) {
  const box = P.el.canvas.getBoundingClientRect();
  return surfaceAt(P, e.clientX - box.left, e.clientY - box.top);
}

// pointer events (a mouse, a pen, a finger): a press and a release close together on the
// surface; a press that moves farther (a drag, a page scrolled by touch) starts nothing
function hand(P) {
  const { canvas } = P.el;
  let press = null;
  canvas.onpointerdown = (e) => {
    press = P.x.clickable && e.isPrimary && pointAt(P, e) ? { id: e.pointerId, x: e.clientX, y: e.clientY } : null;
  };
  canvas.onpointerup = (e) => {
    const p = press;
    press = null;
    if (!p || e.pointerId !== p.id || Math.hypot(e.clientX - p.x, e.clientY - p.y) > P.x.hand.slop) return;
    const at = pointAt(P, e);
    if (at) startAt(P, at);
  };
  canvas.onpointercancel = () => { press = null; };
  canvas.onpointermove = (e) => {
    canvas.style.cursor = P.x.clickable && pointAt(P, e) ? "crosshair" : "";
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
  P.x = { clickable: !!x.clickable && !!P.start, hand: x.hand || {}, play: x.play || 0 };
  P.before = x.before ? { label: x.before.label, A: extras.arrays } : null;
  P.r = ranges(P.h, P.A, P.S, P.before);
  P.pending = null;
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

function build(root, run, send, startFn, extras) {
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
    L: null, base: null, overlay: null, dpr: 1, cells: {}, start: startFn,
    pending: null, cross: null, focused: false,
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
  const player = build(root, readPayload(bytes), send, startFn, extras);
  root[STATE] = { bytes: bytes.slice(), raw: raw && raw.slice(), player };
  playOnce(player);
  watchWidth(root);
  return () => {
    if (root[STATE]) root[STATE].player.stop();
  };
}
