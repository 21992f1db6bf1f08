"""What a student does, in a real Chromium: play the animation, upload CSV files,
move sliders, pick an example in the inspector.

Each test reads the page (the player's own state, the drawn SVG and canvas, the
widgets) before and after an action and asserts that what should change did.
Timeouts are generous: the machine may be a loaded 2-core box.
"""

from __future__ import annotations

import math

from .conftest import SHOTS, page_shown, screenshot
from .harness import wait_for_run

CHART = '[data-testid="stPlotlyChart"]'
DROPZONE = '[data-testid="stFileUploaderDropzoneInput"]'
LONG = 90_000  # ms: a first run on a cold, busy server


def _open(page, server, path: str) -> None:
    page.goto(f"{server.url}/{path}")
    wait_for_run(page, settle_ms=800, timeout=LONG)
    page.wait_for_selector(f"{CHART} .main-svg", timeout=LONG)
    wait_for_run(page, timeout=LONG)


def _no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.locator('[data-testid="stMain"]').inner_text()


def _main(page):
    return page.locator('[data-testid="stMain"]')


# ----------------------------------------------------------------------------
# the Train page's animation
# ----------------------------------------------------------------------------

PLAYER = ".lrp"


def _player(page) -> dict:
    """What the student sees of the player: its frame, step, label and the example's z."""
    return page.evaluate(
        """() => {
      const root = document.querySelector('[data-testid="stMain"] st-bidi-component, body');
      const find = (node, sel) => {
        const hit = node.querySelector(sel);
        if (hit) return hit;
        for (const el of node.querySelectorAll('*')) {
          if (el.shadowRoot) { const h = find(el.shadowRoot, sel); if (h) return h; }
        }
        return null;
      };
      const p = find(document, '.lrp');
      const z = Array.from(p.querySelectorAll('.lrp-forward .lrp-op .lrp-num'))[0];
      return {frame: Number(p.dataset.frame), frames: Number(p.dataset.frames),
              step: Number(p.dataset.step), playing: p.dataset.playing === '1',
              label: p.querySelector('.lrp-label').textContent, z: z.textContent};
    }"""
    )


def _coloured_share(png: bytes) -> tuple[float, float]:
    """Share of strongly coloured pixels in the top-left and top-right panels of the figure."""
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("HSV")
    w, h = img.size
    top = int(h * 0.55)
    shares = []
    for box in ((0, 0, w // 2, top), (w // 2, 0, w, top)):
        px = list(img.crop(box).get_flattened_data())
        shares.append(sum(1 for _, s, v in px if s > 40 and v > 60) / len(px))
    return shares[0], shares[1]


def _open_player(page, server, path: str = "train") -> None:
    page.goto(f"{server.url}/{path}")
    wait_for_run(page, settle_ms=800, timeout=LONG)
    page.wait_for_selector(f"{PLAYER}[data-frames]", timeout=LONG)
    wait_for_run(page, timeout=LONG)


def test_play_shows_every_layer_and_pause_opens_that_step(page, server):
    from logreg_core.pipeline import run_setup
    from ui.state import DEFAULTS
    from ui.texts import fmt

    _open_player(page, server)
    before = _player(page)
    assert before["frames"] == DEFAULTS["n_frames"] and before["frame"] == before["frames"] - 1
    canvas = page.locator(f"{PLAYER} .lrp-canvas")
    rest = _coloured_share(canvas.screenshot())
    assert min(rest) > 0.3, f"the shading and the cost surface at rest: {rest}"

    # at ¼× the second half of the run lasts 6 s: the screenshots below, slow on a busy
    # machine, are taken and the pause pressed before the run reaches its end
    page.locator(f"{PLAYER} .lrp-speed", has_text="¼×").click()
    page.locator(f"{PLAYER} .lrp-play").click()
    # halfway, where a = σ(z) has moved away from its flat start at w = 0 (all 0.5, white)
    page.wait_for_function(
        """n => (window.__lrpStats || {draws: []}).draws.length >= n""",
        arg=DEFAULTS["n_frames"] // 2,
        timeout=LONG,
    )
    first = _player(page)
    moving = _coloured_share(canvas.screenshot())  # taken while it plays
    second = _player(page)
    assert first["playing"] and first["frame"] < second["frame"]
    assert first["label"] != second["label"] and first["z"] != second["z"]
    assert min(moving) > 0.8 * min(rest), f"layers while playing {moving}, at rest {rest}"
    screenshot(page, "train_playing")

    page.locator(f"{PLAYER} .lrp-play").click()  # pause
    paused = _player(page)
    page.wait_for_timeout(1500)
    assert _player(page) == paused and not paused["playing"]
    assert 0 < paused["frame"] < paused["frames"] - 1
    # the label's numbers are the engine's, in the app's number format
    h = run_setup(DEFAULTS).history
    i = h.index_of(paused["step"])
    assert f"J = {fmt(h.cost[i])}" in paused["label"]
    assert f"{paused['step']:,}" in paused["label"]
    # the pause reached the server: the link opens the Step inspector on that step
    wait_for_run(page, settle_ms=800, timeout=LONG)
    link = page.locator('[data-testid="stPageLink"]', has_text="Step inspector")
    link.wait_for(timeout=LONG)
    assert f"step {paused['step']:,}" in link.inner_text()
    link.click()
    wait_for_run(page, settle_ms=800, timeout=LONG)
    page.wait_for_url(f"**/inspector?*step={paused['step']}*", timeout=LONG)
    _no_exception(page)


def _drag_the_slider_through_five_frames(page) -> None:
    """Dragging the step slider (by its keys) draws each frame: frames 0 to 5, five z."""
    slider = page.locator(f"{PLAYER} .lrp-slider")
    slider.focus()
    page.keyboard.press("Home")
    assert _player(page)["frame"] == 0
    seen = set()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
        seen.add(_player(page)["z"])
    assert _player(page)["frame"] == 5 and len(seen) == 5
    _no_exception(page)


def test_a_phone_sees_the_figure_first_with_panels_stacked(browser, server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        _open_player(page, server)
        box = page.locator(f"{PLAYER} .lrp-canvas").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert box["height"] > 2 * box["width"], "the three panels stand one above the other"
        assert box["y"] < 844, "the figure starts on the first screen"
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.get_attribute("data-collapsed") == "true", "the sidebar starts folded away"
        page.screenshot(path=str(screenshot_path("train_phone")))
        _no_exception(page)
    finally:
        context.close()


# ----------------------------------------------------------------------------
# the Data page: uploads and sliders
# ----------------------------------------------------------------------------


def _good_csv(m: int = 40) -> bytes:
    """m students: hours studied and slept, and whether they passed (both classes present)."""
    rows = ["hours_studied,hours_slept,passed"]
    for i in range(m):
        studied = round(1 + 9 * ((i * 37) % m) / m, 2)
        slept = round(4 + 5 * ((i * 11) % m) / m, 2)
        passed = int(studied + 0.5 * slept > 8)
        rows.append(f"{studied},{slept},{passed}")
    return ("\n".join(rows) + "\n").encode()


BAD_CSVS = {
    "one-column": b"only\n1\n2\n3\n",
    "three-classes": b"a,b,c\n1,2,x\n3,4,y\n5,6,z\n",
    "binary": bytes(range(256)) * 4,
}


def _choose_upload(page) -> None:
    group = _main(page).locator('[data-testid="stButtonGroup"]').first
    options = group.get_by_role("radio")
    assert options.count() >= 2
    options.nth(1).click()  # "Upload a CSV", after "Generate"
    _main(page).locator(DROPZONE).wait_for(state="attached", timeout=LONG)
    wait_for_run(page, settle_ms=800, timeout=LONG)
    _main(page).locator(CHART).first.wait_for(state="detached", timeout=LONG)  # no file, no plot


def _upload(page, name: str, content: bytes) -> None:
    _main(page).locator(DROPZONE).set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    wait_for_run(page, settle_ms=1000, timeout=LONG)


def _points(page) -> list[str]:
    """Where each data point of the first chart sits on screen (SVG transforms)."""
    return page.evaluate(
        """() => Array.from(document.querySelector('[data-testid="stPlotlyChart"]')
             .querySelectorAll('.scatterlayer path.point')).map(p => p.getAttribute('transform'))"""
    )


def test_uploading_a_bad_csv_shows_an_error_then_a_good_one_draws_its_points(page, server):
    """Each bad file in turn, then a good one, in one session: an upload first forgets the
    file before it (``store_upload`` clears it and its pickers), so each is read as a first
    one."""
    _open(page, server, "")
    _choose_upload(page)
    for kind, content in BAD_CSVS.items():
        _upload(page, f"{kind}.csv", content)
        using = page.locator('[data-testid="stCaptionContainer"]', has_text=f"{kind}.csv")
        using.first.wait_for(timeout=LONG)  # this file's run, not the one before
        wait_for_run(page, timeout=LONG)
        error = page.locator('[data-testid="stAlertContentError"]')
        error.first.wait_for(timeout=LONG)
        text = error.first.inner_text()
        assert len(text) > 30 and "Traceback" not in text and "Error" not in text, kind
        assert _main(page).locator(CHART).count() == 0, kind  # nothing drawn from a bad file
        _no_exception(page)
        screenshot(page, f"interaction-upload-{kind}")

    content = _good_csv(40)
    _upload(page, "students.csv", content)
    page.wait_for_selector(f"{CHART} .main-svg", timeout=LONG)
    wait_for_run(page, timeout=LONG)
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    # every example of the file is one marker (training and test parts together)
    assert len(_points(page)) == 40
    assert "students.csv" in _main(page).inner_text()
    _no_exception(page)
    screenshot(page, "interaction-upload-good")


def _press_on_slider(page, label: str, key: str, times: int) -> tuple[str, str]:
    slider = _main(page).locator('[data-testid="stSlider"]', has_text=label).first
    thumb = slider.locator('input[type="range"]')
    before = thumb.get_attribute("aria-valuetext")
    thumb.focus()
    for _ in range(times):
        page.keyboard.press(key)
    wait_for_run(page, settle_ms=1000, timeout=LONG)
    return before, thumb.get_attribute("aria-valuetext")


def test_the_noise_slider_moves_the_points(page, server):
    _open(page, server, "")
    page_shown(page, "", "Data")
    before = _points(page)
    old, new = _press_on_slider(page, "Noise", "ArrowRight", 4)
    assert old != new
    page.wait_for_function(
        """before => {
             const now = Array.from(document.querySelector('[data-testid="stPlotlyChart"]')
               .querySelectorAll('.scatterlayer path.point')).map(p => p.getAttribute('transform'));
             return now.length === before.length && now.join(';') !== before.join(';'); }""",
        arg=before,
        timeout=LONG,
    )
    assert len(_points(page)) == len(before)  # the same examples, drawn elsewhere
    _no_exception(page)


def test_the_learning_rate_slider_retrains_and_dragging_draws_each_frame(page, server):
    _open_player(page, server)
    before = _player(page)
    old, new = _press_on_slider(page, "Learning rate", "ArrowRight", 1)
    assert float(new) > float(old)
    for _ in range(LONG // 500):
        page.wait_for_timeout(500)
        after = _player(page)
        if after["label"] != before["label"]:
            break
    # a larger α reaches a lower J in the same number of steps on this separable set
    j_before, j_after = (_cost_in_title(s["label"]) for s in (before, after))
    assert j_after < j_before, (before["label"], after["label"])
    _no_exception(page)
    # on the same page (no second load for it): dragging the slider draws each frame
    wait_for_run(page, timeout=LONG)
    _drag_the_slider_through_five_frames(page)


def _cost_in_title(title: str) -> float:
    """J from the player's label, "step 1,000 · J = 0.01822 · …"."""
    for part in title.split("·"):
        name, _, value = part.partition("=")
        if name.strip() == "J":
            return float(value.strip())
    raise AssertionError(f"no J in the player's label {title!r}")


# ----------------------------------------------------------------------------
# the Step inspector
# ----------------------------------------------------------------------------


def _metrics(page) -> list[str]:
    return [m.inner_text() for m in _main(page).locator('[data-testid="stMetric"]').all()]


def _example_box(page):
    return _main(page).locator('[data-testid="stNumberInput"] input').first


def _typing_an_example_number_changes_the_numbers(page) -> None:
    box = _example_box(page)
    assert box.input_value() == "1"  # examples are numbered 1 … m, as in the article
    before = _metrics(page)
    assert len(before) >= 6
    box.fill("7")
    box.press("Enter")
    wait_for_run(page, settle_ms=1000, timeout=LONG)
    page.wait_for_function(
        """before => Array.from(document.querySelectorAll(
               '[data-testid="stMain"] [data-testid="stMetric"]'))
             .map(m => m.innerText).join('|') !== before.join('|')""",
        arg=before,
        timeout=LONG,
    )
    assert box.input_value() == "7"
    assert "example 7" in _main(page).inner_text()
    _no_exception(page)


#: The training point farthest from every other drawn point (so a click cannot
#: hit a neighbour), with its example number and its centre on screen.
LONELY_TRAINING_POINT = """() => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const all = [];
  gd.querySelectorAll('.xy .scatterlayer .trace').forEach(group => {
    const trace = group.__data__ && group.__data__[0] && group.__data__[0].trace;
    group.querySelectorAll('path.point').forEach(p => {
      const r = p.getBoundingClientRect();
      const cd = trace && trace.customdata && p.__data__ ? trace.customdata[p.__data__.i] : null;
      const pair = cd == null ? null : Array.from(cd.length !== undefined ? cd : Object.values(cd));
      all.push({x: r.x + r.width / 2, y: r.y + r.height / 2, pair});
    });
  });
  let best = null;
  for (const p of all) {
    if (!p.pair || Number(p.pair[1]) !== 0) continue;  // training examples only
    const gap = Math.min(...all.filter(q => q !== p).map(q => Math.hypot(q.x - p.x, q.y - p.y)));
    if (!best || gap > best.gap) best = {x: p.x, y: p.y, index: Number(p.pair[0]), gap};
  }
  return best;
}"""


def _clicking_a_training_point_inspects_it(page) -> None:
    chart = _main(page).locator(CHART).first
    chart.locator(".main-svg").first.wait_for(timeout=LONG)
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    target = page.evaluate(LONELY_TRAINING_POINT)
    assert target is not None and math.isfinite(target["x"]) and target["gap"] > 4, target
    assert target["index"] + 1 != int(_example_box(page).input_value())  # shown as i = 1 … m
    page.mouse.move(target["x"], target["y"])
    page.wait_for_timeout(200)
    page.mouse.click(target["x"], target["y"])
    wait_for_run(page, settle_ms=1000, timeout=LONG)
    page.wait_for_function(
        """i => document.querySelector('[data-testid="stMain"] [data-testid="stNumberInput"] input')
             .value === String(i)""",
        arg=target["index"] + 1,
        timeout=LONG,
    )
    assert f"example {target['index'] + 1}" in _main(page).inner_text()
    _no_exception(page)
    screenshot(page, "interaction-inspector-click")


def test_the_step_inspector_follows_the_example(page, server):
    """On one visit: the page as every page; typing an example number changes the numbers;
    then clicking a training point inspects that example."""
    _open(page, server, "inspector")
    page_shown(page, "inspector", "Step inspector")
    _typing_an_example_number_changes_the_numbers(page)
    _clicking_a_training_point_inspects_it(page)


def screenshot_path(name: str):
    SHOTS.mkdir(exist_ok=True)
    return SHOTS / f"{name}.png"
