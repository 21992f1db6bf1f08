"""Every page, in a real Chromium: it loads, draws its charts, and shows no exception.

The pages that other browser tests open anyway are checked there, on the same
visit (:func:`conftest.page_shown`, the one list of checks); the rest here.
"""

import pytest

from .conftest import page_shown
from .harness import wait_for_run

PAGES = [
    ("", "Data"),
    ("train", "Train"),
    ("inspector", "Step inspector"),
    ("scenarios", "Scenarios"),
    ("lesson-model", "1 · The model"),
    ("lesson-sigmoid", "2 · The sigmoid"),
    ("lesson-loss", "3 · The loss"),
    ("lesson-cost", "4 · Cost and convexity"),
    ("lesson-descent", "5 · Gradient descent"),
    ("lesson-graph", "6 · Computational graph"),
    ("lesson-vectorize", "7 · m examples"),
    ("lesson-summary", "8 · Summary"),
]
#: Pages checked by the test that opens them anyway (page_shown on its first visit).
ELSEWHERE = {
    "": "test_interactions.py::test_the_noise_slider_moves_the_points",
    "train": "test_scenarios_exports.py::test_downloads_the_offline_animation_and_a_setup_file",
    "inspector": "test_interactions.py::test_the_step_inspector_follows_the_example",
    "scenarios": "test_scenarios_exports.py::test_a_preset_opens_train_with_its_outcome",
    "lesson-model": "test_lessons_zh.py::test_a_lesson_switched_to_chinese[lesson-model]",
    "lesson-loss": "test_lessons_zh.py::test_a_lesson_switched_to_chinese[lesson-loss]",
    "lesson-summary": "test_lessons_zh.py::test_a_lesson_switched_to_chinese[lesson-summary]",
}
HERE = [(path, title) for path, title in PAGES if path not in ELSEWHERE]


@pytest.mark.parametrize("path,title", HERE, ids=[p or "data" for p, _ in HERE])
def test_page_loads_with_charts_and_no_exception(page, server, path, title):
    page.goto(f"{server.url}/{path}")
    wait_for_run(page, settle_ms=800)
    page_shown(page, path, title)


def test_every_page_is_checked_once():
    """Each page of PAGES is checked here or in the test ELSEWHERE names, which calls page_shown."""
    import ast
    from pathlib import Path

    assert {p for p, _ in PAGES} == {p for p, _ in HERE} | set(ELSEWHERE)
    for where in ELSEWHERE.values():
        file, _, name = where.partition("::")
        source = (Path(__file__).parent / file).read_text(encoding="utf-8")
        tests = {
            node.name: ast.get_source_segment(source, node)
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.FunctionDef)
        }
        assert "page_shown(" in tests[name.split("[")[0]], where
