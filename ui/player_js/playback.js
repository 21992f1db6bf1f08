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
// mounting: one player per root, kept while the same bytes come again
// ===========================================================================

function build(root, run, send) {
  const { header: h, arrays: A } = run;
  const S = h.style;
  const $ = (sel) => root.querySelector(sel);
  const canvas = $(".lrp-canvas");
  const el = { root, canvas, ctx: canvas.getContext("2d"), play: $(".lrp-play"), slider: $(".lrp-slider"),
    label: $(".lrp-label"), speeds: $(".lrp-speeds"), graph: $(".lrp-graph") };
  const P = {
    h, A, S, T: h.texts, F: h.frames, send, el,
    look: lookOf(S, !!h.presenter), r: ranges(h, A, S), img: shadings(h, S),
    frame: h.start, playing: false, fps: h.speeds[0][1], t0: 0, f0: 0, raf: 0,
    L: null, base: null, overlay: null, dpr: 1, cells: {},
  };
  P.tick = (now) => tick(P, now);
  root.classList.toggle("lrp-presenter", !!h.presenter);
  speedButtons(P);
  buildGraph(P);
  controls(P);
  P.redraw = () => { layers(P); draw(P, P.frame); };
  P.stop = () => stop(P, false);
  P.redraw();
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
  const { data, parentElement, setStateValue } = component;
  const root = parentElement.querySelector(".lrp");
  if (!root || !data) return;
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const old = root[STATE];
  // the same run again (a rerun of the page): keep the player as it is
  if (old && sameBytes(old.bytes, bytes)) return;
  if (old) old.player.stop();
  const send = (frame, step) => setStateValue("paused", { frame, step });
  const player = build(root, readPayload(bytes), send);
  root[STATE] = { bytes: bytes.slice(), player };
  watchWidth(root);
  return () => {
    if (root[STATE]) root[STATE].player.stop();
  };
}
