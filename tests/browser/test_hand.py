"""The hand on the Train page's player, in a real Chromium (issue 22): a click on the cost
surface starts a run there; a click on the data adds a training example of the chosen class
and a second click removes it; after a change that trains again, the run before stays drawn
until the student clears it; the keyboard reaches the same start.

Each test reads the player's own state (its payload's arrays, its ranges, the numbers
panel) and the page (the link, the buttons) before and after the action.
"""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

from .conftest import screenshot
from .harness import wait_for_run

LONG = 90_000  # ms: a first run on a cold, busy server
PLAYER = ".lrp"
#: Finds an element by a CSS selector inside open shadow roots too (the player has its own).
DEEP = """const deep = (node, sel) => {
  const hit = node.querySelector(sel);
  if (hit) return hit;
  for (const el of node.querySelectorAll('*')) {
    if (el.shadowRoot) { const h = deep(el.shadowRoot, sel); if (h) return h; }
  }
  return null;
};"""
#: The player: its cost plot on the page (CSS pixels), its ranges, its run's first (w1, w2),
#: the numbers panel's w cells, what it says of the run before, and its times.
STATE = (
    "() => {"
    + DEEP
    + """
  const root = deep(document, '.lrp');
  const P = root.__lrpState.player;
  const box = P.el.canvas.getBoundingClientRect();
  const c = P.L.cost, k = P.L.curves, d = P.L.data;
  const train = Array.from(P.A.ppart).map((part, i) => [part, i]).filter(([part]) => part === 0);
  const last = train.length ? train[train.length - 1][1] : -1;
  const cells = Array.from(root.querySelectorAll('.lrp-forward .lrp-inputs .lrp-node'))
    .map((n) => n.textContent.replace(/\\s+/g, ' ').trim());
  const s = window.__lrpStats || {};
  return {plot: {x: box.left + c.px, y: box.top + c.py, w: c.pw, h: c.ph},
          curves: {x: k.px, y: k.py, w: k.pw, h: k.ph},
          data: {x: box.left + d.px, y: box.top + d.py, w: d.pw, h: d.ph},
          box1: P.r.box1, box2: P.r.box2,
          m: train.length, last: [P.A.px[last], P.A.py[last], P.A.pclass[last]],
          added: Array.from(P.added.x).map((x, j) => [x, P.added.y[j]]),
          s1: P.r.s1, s2: P.r.s2, first: [P.A.w[0], P.A.w[1]], frame: P.frame,
          n: P.h.n, cells, before: root.dataset.before,
          aria: P.el.canvas.getAttribute('aria-label'),
          clicked: s.clicked || 0, built: s.built || 0};
}"""
)


def _open_train(page, server, query: str = "") -> dict:
    page.goto(f"{server.url}/train{query}")
    page.wait_for_selector(f"{PLAYER}[data-frames]", timeout=LONG)
    wait_for_run(page, settle_ms=800, timeout=LONG)
    page.locator(f"{PLAYER} .lrp-canvas").scroll_into_view_if_needed()
    return page.evaluate(STATE)


def _new_run(page) -> dict:
    """Wait for the run a click started: built after the click, the page's run over."""
    page.wait_for_function(
        "() => { const s = window.__lrpStats || {}; return s.clicked && s.built > s.clicked; }",
        timeout=LONG,
    )
    wait_for_run(page, settle_ms=800, timeout=LONG)
    return page.evaluate(STATE)


def _no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.locator('[data-testid="stMain"]').inner_text()


def _cell(cells: list[str], name: str) -> str:
    """The number the numbers panel shows for ``name`` ("w1 = 2.34" -> "2.34")."""
    (text,) = [c for c in cells if c.split("=")[0].strip() == name]
    return text.split("=", 1)[1].strip()


def test_a_click_on_the_cost_surface_starts_a_run_there(page, server):
    from logreg_core.pipeline import run_setup
    from ui.state import DEFAULTS
    from ui.texts import fmt

    old = _open_train(page, server)
    assert old["first"] == [0, 0]  # the default start: zeros
    fx, fy = 0.7, 0.3  # of the plot's width from its left, of its height from its top
    x, y = old["plot"]["x"] + fx * old["plot"]["w"], old["plot"]["y"] + fy * old["plot"]["h"]
    # the place clicked, in (w1, w2), and one pixel of the plot in each
    span1, span2 = old["s1"][1] - old["s1"][0], old["s2"][1] - old["s2"][0]
    want = (old["s1"][0] + fx * span1, old["s2"][1] - fy * span2)
    pixel = (abs(span1) / old["plot"]["w"], abs(span2) / old["plot"]["h"])
    page.mouse.click(x, y)
    new = _new_run(page)

    # the new run's first frame starts at the place clicked, to the plot's resolution
    got = new["first"]
    assert abs(got[0] - want[0]) <= pixel[0] and abs(got[1] - want[1]) <= pixel[1], (got, want)
    # it plays from its first frame, then rests; the numbers panel at frame 0 shows the start
    slider = page.locator(f"{PLAYER} .lrp-slider")
    slider.fill("0")
    page.wait_for_function(
        "() => {" + DEEP + " return deep(document, '.lrp').dataset.frame === '0'; }",
        timeout=LONG,
    )
    cells = page.evaluate(STATE)["cells"]
    assert _cell(cells, "w1") == fmt(got[0]) and _cell(cells, "w2") == fmt(got[1])
    assert _cell(cells, "b") == "0"  # the start's b is kept: zeros
    # the setup is the manual start: the link carries it, and the engine's run from it agrees
    wait_for_run(page, settle_ms=800, timeout=LONG)
    params = parse_qs(urlsplit(page.url).query)
    assert params["init"] == ["explicit"]
    assert float(params["w1"][0]) == got[0] and float(params["w2"][0]) == got[1]
    assert "b" not in params  # b = 0 is the default
    run = run_setup({**DEFAULTS, "init": "explicit", "w1": got[0], "w2": got[1]})
    assert run.history.w[0].tolist() == got
    # the manual start's inputs show it too, and the run before is labelled with what changed
    assert page.get_by_label("w1", exact=True).input_value() == f"{got[0]:g}"
    assert new["before"] == "before: start = zeros (w = 0, b = 0)"
    _no_exception(page)
    screenshot(page, "hand_click_start")


def _data_place(state: dict, fx: float, fy: float) -> tuple[tuple, tuple, tuple]:
    """The page's point at (fx, fy) of the data plot, its (x1, x2), and one pixel in each."""
    d, b1, b2 = state["data"], state["box1"], state["box2"]
    span1, span2 = b1[1] - b1[0], b2[1] - b2[0]
    where = (d["x"] + fx * d["w"], d["y"] + fy * d["h"])
    return where, (b1[0] + fx * span1, b2[1] - fy * span2), (span1 / d["w"], span2 / d["h"])


def _at(state: dict, x1: float, x2: float) -> tuple[float, float]:
    """Where (x1, x2) is on the page."""
    d, b1, b2 = state["data"], state["box1"], state["box2"]
    return (
        d["x"] + (x1 - b1[0]) / (b1[1] - b1[0]) * d["w"],
        d["y"] + (b2[1] - x2) / (b2[1] - b2[0]) * d["h"],
    )


def test_a_click_on_the_data_adds_a_point_and_a_second_click_removes_it(page, server):
    old = _open_train(page, server)
    assert old["added"] == [] and "add a training example" in old["aria"]
    choice = page.locator('[data-testid="stButtonGroup"] button', has_text="y = 0")
    choice.click()  # the class a click adds
    wait_for_run(page, settle_ms=800, timeout=LONG)
    page.wait_for_function(
        "() => {" + DEEP + " return deep(document, '.lrp').__lrpState.player.x.add_class === 0; }",
        timeout=LONG,
    )
    old = page.evaluate(STATE)
    where, want, pixel = _data_place(old, 0.62, 0.28)
    page.mouse.click(*where)
    new = _new_run(page)
    # one training example more, of class 0, where the click was (to the plot's resolution)
    assert new["m"] == old["m"] + 1
    x1, x2, cls = new["last"]
    assert abs(x1 - want[0]) <= pixel[0] and abs(x2 - want[1]) <= pixel[1] and cls == 0
    assert new["added"] == [[x1, x2]] and new["before"] == "before: without the point you added"
    assert "added by a click" in new["aria"]  # in the data's legend
    params = parse_qs(urlsplit(page.url).query)
    assert params["src"] == ["edited"]  # the link says the data was edited; no point travels
    screenshot(page, "hand_added_point")
    # a second click on the point (ringed) removes it
    page.mouse.click(*_at(new, x1, x2))
    back = _new_run(page)
    assert back["m"] == old["m"] and back["added"] == []
    assert back["last"] == old["last"] and back["before"] == "before: with the point you removed"
    _no_exception(page)


def test_the_run_before_stays_drawn_until_cleared(page, server):
    from PIL import Image, ImageChops

    first = _open_train(page, server)
    assert first["before"] == ""
    alpha = page.locator('[data-testid="stSlider"]', has_text="Learning rate").locator(
        'input[type="range"]'
    )
    alpha.focus()
    alpha.press("ArrowRight")  # 0.1 -> 0.2
    wait_for_run(page, settle_ms=1200, timeout=LONG)
    page.wait_for_function(
        "() => {" + DEEP + " return deep(document, '.lrp').dataset.before !== ''; }",
        timeout=LONG,
    )
    both = page.evaluate(STATE)
    assert both["before"] == "before: α = 0.1"
    assert "before: α = 0.1" in both["aria"]  # in the legends, which the canvas's label lists
    canvas = page.locator(f"{PLAYER} .lrp-canvas")
    with_before = Image.open(io.BytesIO(canvas.screenshot()))
    screenshot(page, "hand_two_runs")
    clear = page.get_by_role("button", name="Clear the earlier run")
    clear.click()
    page.wait_for_function(
        "() => {" + DEEP + " return deep(document, '.lrp').dataset.before === ''; }",
        timeout=LONG,
    )
    wait_for_run(page, settle_ms=800, timeout=LONG)
    assert clear.count() == 0
    alone = page.evaluate(STATE)
    assert "before:" not in alone["aria"] and alone["frame"] == both["frame"]
    without = Image.open(io.BytesIO(canvas.screenshot()))
    # the earlier J curve (α = 0.1 stays above α = 0.2) was drawn in the curves' plot
    k = alone["curves"]
    box = tuple(round(v) for v in (k["x"], k["y"], k["x"] + k["w"], k["y"] + k["h"]))
    pair = (image.convert("RGB").crop(box) for image in (with_before, without))
    diff = ImageChops.difference(*pair)
    changed = sum(1 for px in diff.get_flattened_data() if max(px) > 40)
    assert changed > 100, changed
    _no_exception(page)


def test_the_keyboard_reaches_the_same_start(page, server):
    old = _open_train(page, server)
    canvas = page.locator(f"{PLAYER} .lrp-canvas")
    assert canvas.get_attribute("tabindex") == "0"
    assert "arrow keys" in old["aria"]
    page.locator(f"{PLAYER} .lrp-slider").focus()
    page.keyboard.press("Tab")  # from the slider to the canvas
    page.wait_for_function(
        "() => {" + DEEP + " return deep(document, '.lrp').__lrpState.player.focused; }",
        timeout=LONG,
    )
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # 4 × 5 % of the plot's width
    page.keyboard.press("Enter")
    new = _new_run(page)
    want = old["s1"][0] + 0.7 * (old["s1"][1] - old["s1"][0])  # from the centre, 0.5 + 0.2
    pixel = abs(old["s1"][1] - old["s1"][0]) / old["plot"]["w"]
    assert abs(new["first"][0] - want) <= pixel
    _no_exception(page)


def test_a_tap_on_a_phone_starts_a_run_and_adds_a_point(browser, server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="en-US"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        old = _open_train(page, server)
        page.evaluate(
            "() => {"
            + DEEP
            + " deep(document, '.lrp .lrp-canvas').scrollIntoView({block: 'center'}); }"
        )
        old = page.evaluate(STATE)
        x, y = (
            old["plot"]["x"] + 0.25 * old["plot"]["w"],
            old["plot"]["y"] + 0.75 * old["plot"]["h"],
        )
        page.touchscreen.tap(x, y)
        new = _new_run(page)
        want = old["s1"][0] + 0.25 * (old["s1"][1] - old["s1"][0])
        pixel = abs(old["s1"][1] - old["s1"][0]) / old["plot"]["w"]
        assert abs(new["first"][0] - want) <= pixel
        screenshot(page, "hand_phone_tap")
        # a tap on the data adds a training example there (of class 1, the default)
        where, place, pixel = _data_place(new, 0.4, 0.6)
        page.touchscreen.tap(*where)
        added = _new_run(page)
        assert added["m"] == new["m"] + 1 and added["last"][2] == 1
        assert abs(added["last"][0] - place[0]) <= pixel[0]
        _no_exception(page)
    finally:
        context.close()
