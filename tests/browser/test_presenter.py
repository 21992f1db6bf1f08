"""Presenter mode on a 1280 × 720 projector: every text of the page at least 20 px.

A real Chromium opens the Data page, the Train page, lesson 4 and the Step inspector with
``?presenter=1``, unfolds the control blocks (presenter mode folds them into
expanders) and walks every element with text of its own that is visible, in the
page and inside the player's shadow root, reading its computed font size: the
smallest must be PRESENTER_MIN_FONT (20) px.  The player's canvas has no text
to walk: its one font size, from the payload's style, is checked in presenter
mode instead (AppTest).  The same walk without presenter mode finds smaller
text, so it is the mode that makes the difference.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import plotly.graph_objects as go
import pytest

from logreg_core.figures.style import PRESENTER_MIN_FONT
from tests.conftest import APP, APP_TIMEOUT, player
from ui.presenter import at_least

from .conftest import close_tab, new_tab, screenshot
from .harness import CHART_DRAWN, wait_for_run

#: A classroom projector.
VIEWPORT = {"width": 1280, "height": 720}
#: The pages measured, by their address: the Data page with generated data and with the
#: penguins (two tables: the file's first rows and the editor), the Train page, lesson 4, and
#: the Step inspector (the computational graph's indices, its table).  Every figure of every
#: lesson is checked for text plotly draws under its font in AppTest
#: (tests/test_app_share.py::test_presenter_mode_scales_every_lesson_figure).
PAGES = {
    "data": "",
    "penguins": "?kind=penguins",
    "train": "train",
    "lesson": "lesson-cost",
    "inspector": "inspector",
}
#: Computed sizes are floats: a hundredth of a pixel below the minimum still reads as it.
TOLERANCE = 0.01

#: Every element (in the document and in open shadow roots) with text of its own that is
#: visible: its text, computed font size, tag, the nearest data-testid (or class), and
#: which of a few parts of the page it is in.
WALK = r"""
() => {
  const INSIDE = ["stSidebar", "stWidgetLabel", "stMetric", "stPlotlyChart", "stDataFrame"];
  const out = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) visit(el.shadowRoot);
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent).join("").replace(/[\u200b-\u200d\u2060\ufeff]/g, "").trim();
      if (!own) continue;
      const tag = el.tagName.toLowerCase();
      if (["script", "style", "noscript", "title", "template"].includes(tag)) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const box = el.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) continue;
      let where = "", up = el;
      while (up && !where) {
        where = (up.getAttribute && up.getAttribute("data-testid")) || "";
        up = up.parentElement || (up.getRootNode && up.getRootNode().host) || null;
      }
      const cls = typeof el.className === "string" ? el.className : "";
      out.push({ text: own.slice(0, 50), size: parseFloat(getComputedStyle(el).fontSize),
                 tag, where: where || cls.split(" ")[0] || "?",
                 inside: INSIDE.filter((id) => el.closest(`[data-testid="${id}"]`)) });
    }
  };
  visit(document);
  return out;
}
"""


@pytest.fixture
def projector(tabs, server):
    """A new tab of the projector's size (a Streamlit session of its own)."""
    page = new_tab(tabs, viewport=VIEWPORT)
    page.set_default_timeout(120_000)
    yield page
    close_tab(tabs, server, page)


def open_page(page, server, path: str, *, presenter: bool = True) -> None:
    """Open ``path``, wait for its chart (a plotly figure or the player's first frame)."""
    joint = "&" if "?" in path else "?"
    page.goto(f"{server.url}/{path}" + (f"{joint}presenter=1" if presenter else ""))
    wait_for_run(page, timeout=180_000)
    page.wait_for_selector(CHART_DRAWN, timeout=120_000)
    page.wait_for_timeout(1000)  # the figures' text laid out


def unfold_controls(page) -> int:
    """Open every folded block of the page (presenter mode's control blocks); how many."""
    folded = page.locator('[data-testid="stMain"] [data-testid="stExpander"] details:not([open])')
    opened = 0
    while folded.count() and opened < 20:
        folded.first.locator("summary").click()
        page.wait_for_timeout(300)
        opened += 1
    wait_for_run(page, timeout=120_000)
    page.wait_for_timeout(500)
    return opened


def texts_of(page) -> list[dict]:
    return page.evaluate(WALK)


#: The tables' cells and headers are drawn on a canvas, in the font their grid's style
#: variables name ("400 20px"): one entry per table of the page.
TABLE_FONTS = r"""
() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].map((table) => {
  const grid = table.querySelector('[style*="--gdg-base-font-style"]');
  const style = grid ? getComputedStyle(grid) : null;
  return style ? ["--gdg-base-font-style", "--gdg-header-font-style"].map(
    (name) => parseFloat(style.getPropertyValue(name).trim().split(" ").pop())) : [];
})
"""


def under(texts: list[dict], size: float = PRESENTER_MIN_FONT) -> list[dict]:
    return [t for t in texts if t["size"] < size - TOLERANCE]


def listing(texts: list[dict]) -> str:
    return "\n".join(
        f"  {t['size']:.2f} px <{t['tag']}> in {t['where']}: {t['text']!r}" for t in texts[:60]
    )


def _title_px(page) -> float:
    """Font size of the animation's step label (the canvas scales its text with it)."""
    size = page.locator(".lrp .lrp-label").evaluate("e => getComputedStyle(e).fontSize")
    return float(size.removesuffix("px"))


def _no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.locator('[data-testid="stMain"]').inner_text()


def _folded_training_settings(page) -> int:
    expanders = page.locator('[data-testid="stMain"] [data-testid="stExpander"]')
    return expanders.filter(has_text="Training settings").count()


def _train_page_without_presenter_mode(tabs, server) -> float:
    """The Train page at 1280 × 720 without presenter mode, in a tab of its own: its step
    label's size in px; its training settings are not folded."""
    page = new_tab(tabs, viewport=VIEWPORT)
    try:
        page.goto(f"{server.url}/train")
        wait_for_run(page, settle_ms=1500)
        page.wait_for_selector(".lrp[data-frame]")
        page.wait_for_timeout(800)
        assert _folded_training_settings(page) == 0
        _no_exception(page)
        return _title_px(page)
    finally:
        close_tab(tabs, server, page)


@pytest.mark.parametrize("name", list(PAGES))
def test_every_text_of_the_page_is_at_least_20_px_in_presenter_mode(projector, tabs, server, name):
    """Every text at least 20 px.  On the Train page also what presenter mode changes there
    at 1280 × 720 (a link with presenter=1, the training settings folded, the step label at
    least 1.3 times the size it has without the mode), the page opened first without it."""
    page = projector
    plain_px = _train_page_without_presenter_mode(tabs, server) if name == "train" else None
    open_page(page, server, PAGES[name])
    shot = screenshot(page, f"presenter_{name}")  # what the room sees: the top of the page
    assert shot.stat().st_size > 0
    if name == "train":
        presenter_px = _title_px(page)
        assert _folded_training_settings(page) == 1
        assert parse_qs(urlsplit(page.url).query, keep_blank_values=True) == {"presenter": ["1"]}
        screenshot(page, "share-presenter-train-1280x720")
        _no_exception(page)
        assert presenter_px >= 1.3 * plain_px and presenter_px >= 19
    folded = unfold_controls(page)  # the controls, measured too
    assert folded >= (0 if name in ("lesson", "inspector") else 1)
    texts = texts_of(page)
    assert len(texts) > 60, texts
    where = {t["where"] for t in texts}
    inside = [part for t in texts for part in t["inside"]]
    assert inside.count("stSidebar") > 10  # the sidebar's text is the page's too
    assert inside.count("stPlotlyChart") > 10 or name == "train"  # the charts' (SVG) text
    root = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert root * 0.875 >= PRESENTER_MIN_FONT  # Streamlit's smallest text, 0.875 rem
    if name != "lesson":
        assert inside.count("stWidgetLabel") > 3  # the unfolded controls' labels
        assert inside.count("stMetric") >= 10  # five metrics: labels and values
    if name == "train":  # the player's controls and numbers, inside its shadow root
        assert page.locator(".lrp.lrp-presenter").count() == 1
        assert sum(t["where"].startswith("stBidiComponent") for t in texts) > 20, where
    tables = page.evaluate(TABLE_FONTS)
    assert len(tables) == {"data": 1, "penguins": 2, "inspector": 1}.get(name, 0), tables
    for cells, headers in tables:  # the canvas of each table: its cells and its headers
        assert min(cells, headers) >= PRESENTER_MIN_FONT - TOLERANCE, tables
    small = sorted(under(texts), key=lambda t: t["size"])
    smallest = min(t["size"] for t in texts)
    assert not small, (
        f"{len(small)} texts under {PRESENTER_MIN_FONT} px on {name} (smallest {smallest:.2f}):\n"
        + listing(small)
    )


def test_the_switch_enlarges_a_page_already_open_tables_too(projector, server):
    """Without presenter mode the walk finds smaller text; the sidebar's switch, on a page
    already drawn, brings every text to the minimum, the tables' canvases too."""
    page = projector
    open_page(page, server, PAGES["penguins"], presenter=False)
    unfold_controls(page)
    assert len(under(texts_of(page))) > 20  # captions, labels, the navigation: 14 to 16 px
    assert page.evaluate(TABLE_FONTS) == [[14, 14], [14, 14]]  # the file's rows, the editor
    page.locator('[data-testid="stSidebar"] label:has-text("Presenter mode")').click()
    page.wait_for_function(  # the run of the switch, then the one that draws the tables anew
        f"() => ({TABLE_FONTS})().every((t) => t.length && Math.min(...t) >= {PRESENTER_MIN_FONT}"
        f" - {TOLERANCE})",
        timeout=120_000,
    )
    wait_for_run(page, timeout=120_000)
    unfold_controls(page)
    texts = texts_of(page)
    small = sorted(under(texts), key=lambda t: t["size"])
    assert len(texts) > 60 and not small, listing(small)


def test_the_players_canvas_text_is_at_least_20_px_in_presenter_mode():
    """The canvas draws every text in one size: the payload's sizes.font, times
    presenter.size in presenter mode, rounded (ui/player_js/data.js, lookOf)."""
    from streamlit.testing.v1 import AppTest

    sizes = {}
    for flag in (False, True):
        at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
        if flag:
            at.query_params["presenter"] = "1"
        at.run()
        at.switch_page("views/train.py").run()
        assert not at.exception, at.exception
        header, _ = player(at)
        assert header["presenter"] is flag
        style = header["style"]
        factor = style["presenter"]["size"] if flag else 1
        sizes[flag] = round(style["sizes"]["font"] * factor)
    assert sizes[True] >= PRESENTER_MIN_FONT > sizes[False]


def test_at_least_raises_every_text_of_a_figure_and_keeps_larger_ones():
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=2, subplot_titles=("a", "b"))
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="markers+text", text=["p", "q"]), 1, 1)
    fig.add_trace(go.Heatmap(z=[[0, 1]], colorbar={"tickfont": {"size": 9}}), 1, 2)
    fig.add_trace(go.Scatter(x=[0], y=[0], mode="markers"), 1, 1)
    fig.update_layout(font={"size": 12}, legend={"font": {"size": 11}}, title={"text": "T"})
    fig.update_layout(title_font_size=30, xaxis={"tickfont": {"size": 25}})
    assert at_least(fig, 20) is fig
    lay = fig.layout
    assert lay.font.size == 20 and lay.legend.font.size == 20 and lay.title.font.size == 30
    assert lay.xaxis.tickfont.size == 25  # larger text stays
    for axis in (lay.xaxis2, lay.yaxis, lay.yaxis2):  # unset: set, so no template's size wins
        assert axis.tickfont.size == 20 and axis.title.font.size == 20
    assert all(note.font.size == 20 for note in lay.annotations)  # the subplot titles
    assert fig.data[0].textfont.size == 20
    assert fig.data[1].colorbar.tickfont.size == 20  # a heatmap's colour bar is drawn
    assert "colorbar" not in fig.data[2].marker.to_plotly_json()  # a marker's hidden one: left
    with pytest.raises(ValueError, match="size must be a positive number of pixels, got 0"):
        at_least(go.Figure(), 0)
