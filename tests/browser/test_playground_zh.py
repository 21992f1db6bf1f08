"""The playground in Chinese, in a real Chromium: ?lang=zh, the switch, the charts' CJK text."""

import pytest

from ui.i18n import catalogue

from .conftest import screenshot
from .harness import CHART_DRAWN, wait_for_heading, wait_for_run

ZH, EN = catalogue("zh"), catalogue("en")

#: url path, catalogue table, a word the first chart draws, a widget label on the page.
PAGES = [
    ("data", "data", "figures.train", "controls.kind"),
    ("train", "train", "player.curves_title", "controls.learning_rate"),
    ("inspector", "inspector", "figures.test", "inspector.step"),
]


def chart_text(page, n: int = 0) -> str:
    """The words of the page's first chart: the animation's (its canvas says them for screen
    readers) or a plotly figure's SVG text."""
    if page.locator(".lrp-canvas").count():
        return page.locator(".lrp-canvas").get_attribute("aria-label")
    chart = page.locator('[data-testid="stPlotlyChart"]').nth(n)
    return " ".join(svg.text_content() or "" for svg in chart.locator("svg").all())


#: The fonts of the figures' list that a student's system may have for Chinese.
CJK_FONTS = """async (text) => {
    const fonts = ['"Noto Sans CJK SC"', '"Noto Sans SC"', '"Microsoft YaHei"', '"PingFang SC"'];
    for (const f of fonts) { await document.fonts.load(`16px ${f}`, text); }
    return fonts.filter(f => document.fonts.check(`16px ${f}`, text));
}"""


def _opened_with_lang_zh(page, server, path, table, figure_word, label) -> None:
    """The page in Chinese; on the Data and Train pages the charts have a font for Chinese too:
    the figures' font list names a CJK font the browser has, so no glyph is a box."""
    page.set_viewport_size({"width": 1440, "height": 2600})  # the main pane scrolls on its own
    page.goto(f"{server.url}/{path}?lang=zh")
    wait_for_run(page, settle_ms=1500)
    page.wait_for_selector(CHART_DRAWN, timeout=30_000)
    wait_for_run(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text().strip() == ZH[f"{table}.title"]
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert ZH[label] in main
    assert ZH[figure_word] in chart_text(page)  # the CJK words are in the chart's SVG text
    nav = page.locator('[data-testid="stSidebarNavLink"]', has_text=ZH[f"app.page_{table}"])
    assert nav.count() == 1
    assert "lang=zh" in page.url
    screenshot(page, f"playground-zh-{path}")
    if path == "data":  # a plotly figure's text
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30_000)
        family = page.locator('[data-testid="stPlotlyChart"] .main-svg text').first.evaluate(
            "e => getComputedStyle(e).fontFamily"
        )
        assert "Noto Sans CJK SC" in family
    if path == "train":  # the player's canvas draws with the same list (FONT_FAMILY)
        page.wait_for_selector(".lrp[data-frame]", timeout=30_000)
        player = page.locator(".lrp").evaluate("e => getComputedStyle(e).fontFamily")
        assert "Noto Sans CJK SC" in player
        available = page.evaluate(CJK_FONTS, ZH["player.curves_title"])
        assert available, "no CJK font of the list is available to the browser"


#: The Train page's visit is the switch's (below): it is opened with ?lang=zh there.
ELSEWHERE = ("train",)


@pytest.mark.parametrize(
    "path,table,figure_word,label",
    [p for p in PAGES if p[0] not in ELSEWHERE],
    ids=[p for p, *_ in PAGES if p not in ELSEWHERE],
)
def test_a_playground_page_opened_with_lang_zh(page, server, path, table, figure_word, label):
    _opened_with_lang_zh(page, server, path, table, figure_word, label)


def test_the_switch_changes_the_language_and_the_link(page, server):
    """The Train page opened with ?lang=zh (as every playground page above), then the switch."""
    (train,) = [p for p in PAGES if p[0] == "train"]
    _opened_with_lang_zh(page, server, *train)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert page.locator("h1").first.inner_text().strip() == ZH["train.title"]
    sidebar.get_by_role("radio", name="English").click()
    wait_for_heading(page, EN["train.title"])
    assert page.locator("h1").first.inner_text().strip() == EN["train.title"]
    assert "lang=" not in page.url  # English is the default: no parameter
    sidebar.get_by_role("radio", name="简体中文").click()
    wait_for_heading(page, ZH["train.title"])
    assert page.locator("h1").first.inner_text().strip() == ZH["train.title"]
    assert "lang=zh" in page.url
    sidebar.locator('[data-testid="stSidebarNavLink"]', has_text=ZH["app.page_inspector"]).click()
    wait_for_heading(page, ZH["inspector.title"])
    assert page.locator("h1").first.inner_text().strip() == ZH["inspector.title"]
    assert "lang=zh" in page.url  # written back after the page change, for a shared link
    assert page.locator('[data-testid="stException"]').count() == 0
