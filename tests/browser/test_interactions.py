"""What a student does, in a real Chromium: play the animation, upload CSV files,
move sliders, pick an example in the inspector.

Each test reads the page (the plotly figure's own state, the drawn SVG, the
widgets) before and after an action and asserts that what should change did.
Timeouts are generous: the machine may be a loaded 2-core box.
"""

from __future__ import annotations

import math

import pytest

from .conftest import screenshot
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

#: The state of the animated figure the student sees: its title (step, J,
#: accuracies), where the current-parameters marker sits on the cost panel
#: (the one trace of subplot x2y2 with a single point), the slider's position.
FIGURE_STATE = """() => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  const marker = Array.from(gd.querySelectorAll('.x2y2 .scatterlayer .trace'))
    .map(t => t.querySelectorAll('path.point'))
    .filter(points => points.length === 1)
    .map(points => points[0].getAttribute('transform'));
  return {
    title: gd.querySelector('.gtitle').textContent,
    marker: marker.length === 1 ? marker[0] : null,
    slider: gd._fullLayout.sliders[0].active,
    frames: gd._transitionData._frames.length,
  };
}"""

LISTEN = """() => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  window.__frames = [];
  gd.on('plotly_animatingframe', e => window.__frames.push(e.name));
}"""


def test_play_advances_the_frames_and_pause_stops_them(page, server):
    _open(page, server, "train")
    before = page.evaluate(FIGURE_STATE)
    assert before["frames"] >= 2 and before["marker"] is not None
    assert before["slider"] == before["frames"] - 1  # the figure opens on the last frame

    buttons = page.locator(f"{CHART} .updatemenu-button")
    labels = [buttons.nth(i).text_content() for i in range(buttons.count())]
    assert len(labels) >= 2 and all(label.startswith("▶") for label in labels[:-1]), labels
    page.evaluate(LISTEN)
    buttons.first.click()  # the default speed

    # Play from the last frame starts over from the first, then moves on
    page.wait_for_function("() => window.__frames.length >= 3", timeout=LONG)
    first = page.evaluate(FIGURE_STATE)
    seen = len(page.evaluate("window.__frames"))
    page.wait_for_function(f"() => window.__frames.length >= {seen + 3}", timeout=LONG)
    second = page.evaluate(FIGURE_STATE)
    names = [int(n) for n in page.evaluate("window.__frames")]
    assert names[0] == 0 and names == sorted(set(names)), names
    assert first["title"] != second["title"]
    assert first["marker"] != second["marker"]
    assert first["slider"] < second["slider"]

    buttons.last.click()  # pause; a redraw under way may still finish
    paused = page.evaluate(FIGURE_STATE)
    for _ in range(20):
        page.wait_for_timeout(500)
        now, paused = paused, page.evaluate(FIGURE_STATE)
        if now == paused:
            break
    count = len(page.evaluate("window.__frames"))
    page.wait_for_timeout(1500)
    assert len(page.evaluate("window.__frames")) == count
    assert page.evaluate(FIGURE_STATE) == paused
    # it stopped in the middle of the run, not at its end
    assert second["slider"] <= paused["slider"] < paused["frames"] - 1
    assert paused["title"] != before["title"]
    _no_exception(page)


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


def test_uploading_a_good_csv_draws_its_points(page, server):
    _open(page, server, "")
    _choose_upload(page)
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


@pytest.mark.parametrize("kind", list(BAD_CSVS))
def test_uploading_a_bad_csv_shows_an_error_not_a_traceback(page, server, kind):
    _open(page, server, "")
    _choose_upload(page)
    _upload(page, f"{kind}.csv", BAD_CSVS[kind])
    error = page.locator('[data-testid="stAlertContentError"]')
    error.first.wait_for(timeout=LONG)
    text = error.first.inner_text()
    assert len(text) > 30 and "Traceback" not in text and "Error" not in text
    assert _main(page).locator(CHART).count() == 0  # nothing drawn from a bad file
    _no_exception(page)
    screenshot(page, f"interaction-upload-{kind}")


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


def test_the_learning_rate_slider_retrains(page, server):
    _open(page, server, "train")
    before = page.evaluate(FIGURE_STATE)
    old, new = _press_on_slider(page, "Learning rate", "ArrowRight", 1)
    assert float(new) > float(old)
    page.wait_for_function(
        """title => document.querySelector('[data-testid="stPlotlyChart"] .gtitle')
             .textContent !== title""",
        arg=before["title"],
        timeout=LONG,
    )
    after = page.evaluate(FIGURE_STATE)
    # a larger α reaches a lower J in the same number of steps on this separable set
    j_before, j_after = (_cost_in_title(s["title"]) for s in (before, after))
    assert j_after < j_before, (before["title"], after["title"])
    _no_exception(page)


def _cost_in_title(title: str) -> float:
    """J from the figure's title, "step 1,000 · J = 0.01822 · …"."""
    for part in title.split("·"):
        name, _, value = part.partition("=")
        if name.strip() == "J":
            return float(value.strip())
    raise AssertionError(f"no J in the figure title {title!r}")


# ----------------------------------------------------------------------------
# the Step inspector
# ----------------------------------------------------------------------------


def _metrics(page) -> list[str]:
    return [m.inner_text() for m in _main(page).locator('[data-testid="stMetric"]').all()]


def _example_box(page):
    return _main(page).locator('[data-testid="stNumberInput"] input').first


def test_typing_an_example_number_changes_the_numbers(page, server):
    _open(page, server, "inspector")
    box = _example_box(page)
    assert box.input_value() == "0"
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


def test_clicking_a_training_point_inspects_it(page, server):
    _open(page, server, "inspector")
    chart = _main(page).locator(CHART).first
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    target = page.evaluate(LONELY_TRAINING_POINT)
    assert target is not None and math.isfinite(target["x"]) and target["gap"] > 4, target
    assert target["index"] != int(_example_box(page).input_value())
    page.mouse.move(target["x"], target["y"])
    page.wait_for_timeout(200)
    page.mouse.click(target["x"], target["y"])
    wait_for_run(page, settle_ms=1000, timeout=LONG)
    page.wait_for_function(
        """i => document.querySelector('[data-testid="stMain"] [data-testid="stNumberInput"] input')
             .value === String(i)""",
        arg=target["index"],
        timeout=LONG,
    )
    assert f"example {target['index']}" in _main(page).inner_text()
    _no_exception(page)
    screenshot(page, "interaction-inspector-click")
