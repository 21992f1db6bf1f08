"""The Train page's downloads and the sidebar's setup loader, in AppTest.

AppTest keeps each run's media files in a MediaFileManager it throws away;
the ``media`` fixture records those managers so a test can read what a
download button would send (static files from storage, deferred ones by
calling them, as a click would).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import numpy as np
import pytest

from logreg_core.export import SETUP_FORMAT
from logreg_core.pipeline import run_setup
from logreg_core.presets import preset
from tests.conftest import APP_TIMEOUT, metrics, no_bad_numbers, open_page
from ui.exports import FILE_NAMES, MAX_SETUP_BYTES, check_value, restore_setup
from ui.i18n import t
from ui.share import escape_markdown
from ui.state import DEFAULTS
from ui.texts import fmt

TRAIN = "views/train.py"
LABELS = {kind: t(f"exports.{kind}", lang="en") for kind in FILE_NAMES}
LOADER = "setup_file_{}"

#: A setup far from the defaults: XOR with x1·x2, random start, an L2 penalty.
SETUP = {
    **preset("xor_product").full_setup(DEFAULTS),
    "init": "random",
    "init_seed": 3,
    "l2": 0.5,
    "n_samples": 150,
    "seed": 11,
    "num_iterations": 200,
}


@pytest.fixture
def media(monkeypatch):
    """Every MediaFileManager AppTest creates, newest last."""
    from streamlit.testing.v1 import app_test

    made = []

    class Recording(app_test.MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Recording)
    return made


def download(at, media, kind: str) -> tuple[bytes, str]:
    """The bytes a download button sends, and its file name."""
    (button,) = [b for b in at.get("download_button") if b.proto.label == LABELS[kind]]
    mgr = media[-1]
    proto = button.proto
    url = mgr.execute_deferred(proto.deferred_file_id) if proto.deferred_file_id else proto.url
    stored = mgr._storage.get_file(url.rsplit("/", 1)[-1])
    return stored.content, stored.filename


def _loader_script():
    from ui.exports import setup_loader
    from ui.state import init_state

    init_state()
    setup_loader()


def loader_app(state: dict | None = None):
    """The setup loader alone, in the main area.

    In the app it sits in the sidebar, and AppTest (1.67) drops the sidebar's
    elements from every run after the first when the app uses st.navigation,
    so its messages are read here; the state it sets is read in the app.
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_loader_script, default_timeout=APP_TIMEOUT).run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    return at


def upload(at, name: str, content: bytes, version: int = 0):
    at.file_uploader(key=LOADER.format(version)).set_value((name, content, "application/json"))
    at.run()
    assert not at.exception, at.exception
    return at


def train_page(state: dict | None = None):
    at = open_page(TRAIN, state=state)
    no_bad_numbers(at)
    return at


def test_four_downloads_with_their_file_names(media):
    at = train_page()
    for kind, name in FILE_NAMES.items():
        _, filename = download(at, media, kind)
        assert filename == name


def test_history_csv_has_the_columns_and_the_runs_numbers(media):
    at = train_page(SETUP)
    raw, _ = download(at, media, "csv")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    names = ["x1", "x2", "x1·x2"]
    assert rows[0] == [
        "step",
        *(f"w[{n}]" for n in names),
        "b",
        "J",
        "accuracy",
        *(f"dw[{n}]" for n in names),
        "db",
    ]
    h = run_setup(SETUP).history
    assert len(rows) == len(h) + 1
    last = rows[-1]
    assert int(last[0]) == int(h.steps[-1])
    assert [float(v) for v in last[1:4]] == h.w[-1].tolist()
    assert float(last[5]) == h.cost[-1]
    assert metrics(at)["cost J"] == fmt(float(last[5]))


def test_setup_json_round_trip_restores_the_setup_and_the_run(media):
    at = train_page(SETUP)
    raw, _ = download(at, media, "json")
    doc = json.loads(raw)
    assert doc["format"] == SETUP_FORMAT
    h = run_setup(SETUP).history
    assert doc["result"]["w"] == h.w[-1].tolist() and doc["result"]["J"] == h.cost[-1]

    loader = upload(loader_app(), "setup.json", raw)
    assert [s.value for s in loader.success] == [
        t("exports.loaded", lang="en", name=escape_markdown("setup.json"), count=len(DEFAULTS))
        + " "
        + t("exports.loaded_result", lang="en", steps=f"{int(h.steps[-1]):,}", J=fmt(h.cost[-1]))
    ]
    assert not loader.warning and not loader.error
    # the uploader was emptied, so the same file can be loaded again later
    assert loader.file_uploader(key=LOADER.format(1)).value is None

    fresh = upload(open_page(), "setup.json", raw)  # a new session, controls at their defaults
    for key, value in SETUP.items():
        assert fresh.session_state[key] == value, key
    fresh.switch_page(TRAIN).run()
    no_bad_numbers(fresh)
    again, _ = download(fresh, media, "json")
    assert json.loads(again)["result"] == doc["result"]
    assert json.loads(again)["setup"] == doc["setup"]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x89PNG not json at all", "exports.bad_json"),
        (b'{"format": "something else", "setup": {}}', "exports.bad_format"),
        (b"[1, 2, 3]", "exports.bad_format"),
        (json.dumps({"format": SETUP_FORMAT}).encode(), "exports.bad_empty"),
        (json.dumps({"format": SETUP_FORMAT, "setup": {"zzz": 1}}).encode(), "exports.bad_empty"),
        (b" " * (MAX_SETUP_BYTES + 1), "exports.too_big"),
    ],
)
def test_a_bad_file_gets_a_clear_error_and_changes_nothing(content, message):
    at = upload(loader_app(state={"learning_rate": 0.5, "kind": "moons"}), "notes.json", content)
    name = escape_markdown("notes.json")  # a file name is quoted as text, never as markdown
    expected = t(message, lang="en", name=name, size=f"{len(content) / 1000:,.0f}")
    assert [e.value for e in at.error] == [expected]
    assert at.session_state["learning_rate"] == 0.5 and at.session_state["kind"] == "moons"


def test_out_of_range_values_fall_back_to_defaults_with_a_notice():
    bad = {
        "kind": "bogus",
        "learning_rate": 1e9,
        "n_samples": -5,
        "noise": float("nan"),
        "features": ["x1", "x3"],
        "surface_axes": [1, 1],
        "seed": 7,
        "standardize": False,
    }
    raw = json.dumps({"format": SETUP_FORMAT, "setup": bad}).encode()  # NaN written as NaN
    dropped = ["features", "kind", "learning_rate", "n_samples", "noise", "surface_axes"]
    expected = t("exports.dropped", lang="en", keys=", ".join(dropped))
    assert [w.value for w in upload(loader_app(), "odd.json", raw).warning] == [expected]
    at = upload(open_page(), "odd.json", raw)
    assert at.session_state["seed"] == 7 and at.session_state["standardize"] is False
    for key in dropped:
        assert at.session_state[key] == DEFAULTS[key], key
    at.switch_page(TRAIN).run()
    no_bad_numbers(at)


def test_a_setup_for_an_uploaded_file_asks_for_the_file_again():
    raw = json.dumps({"format": SETUP_FORMAT, "setup": {"source": "uploaded"}}).encode()
    at = upload(loader_app(), "csv.json", raw)
    assert t("exports.upload_needed", lang="en") in [w.value for w in at.warning]
    assert at.session_state["source"] == "uploaded"
    raw = json.dumps({"format": SETUP_FORMAT, "setup": {"source": "edited"}}).encode()
    upload(at, "ed.json", raw, version=1)
    assert at.session_state["source"] == "generated"
    assert t("exports.edited_missing", lang="en") in [w.value for w in at.warning]


def _offline_payload(html: str):
    """The player's payload inside an offline animation page."""
    import base64

    from logreg_core.figures.player import read_payload

    data = re.search(r'id="lrp-payload">([A-Za-z0-9+/=]+)</script>', html)
    return read_payload(base64.b64decode(data.group(1)))


def test_the_html_plays_offline(media):
    at = train_page()
    raw, _ = download(at, media, "html")
    html = raw.decode("utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert f"<title>{t('app.title', lang='en')}</title>" in html
    assert not re.search(r"<script[^>]*\bsrc\s*=", html), "no external script"
    assert "<link" not in html and "http" not in html.split("</title>")[1]
    assert "window.__lrpMount" in html and 'class="lrp-canvas"' in html
    header, arrays = _offline_payload(html)
    assert header["frames"] == DEFAULTS["n_frames"] == len(arrays["steps"])
    assert len(raw) < 1_500_000, "the same player, no plotly.js: small enough to mail"


def test_the_script_reproduces_the_apps_numbers(media, tmp_path):
    at = train_page(SETUP)
    script, _ = download(at, media, "script")
    result = json.loads(download(at, media, "json")[0])["result"]
    path = tmp_path / "run.py"
    path.write_bytes(script)
    out = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    printed = dict(line.split(" = ", 1) for line in out.strip().splitlines())
    np.testing.assert_allclose(json.loads(printed["w"]), result["w"], rtol=1e-9, atol=1e-12)
    assert float(printed["b"]) == pytest.approx(result["b"], rel=1e-9, abs=1e-12)
    assert float(printed["J"]) == pytest.approx(result["J"], rel=1e-9)
    assert metrics(at)["cost J"] == fmt(float(printed["J"]))


@pytest.mark.parametrize(
    "key, good, bad",
    [
        ("learning_rate", 0.5, [0.0, -1.0, 1e9, float("inf"), "0.1", True]),
        ("num_iterations", 1000, [0, 2_000_000, 10.5, None]),
        ("tol", None, [0.0, -1e-6, 2.0]),
        ("features", ("x1", "x1·x2"), [(), ("x1", "x1"), ("x9",), "x1"]),
        ("surface_axes", (0, 2), [(0, 0), (0,), (-1, 1)]),
        ("kind", "spiral", ["bogus", 3]),
    ],
)
def test_check_value_follows_the_widgets_ranges(key, good, bad):
    assert check_value(key, good)
    for value in bad:
        assert not check_value(key, value), value
    with pytest.raises(ValueError, match="unknown control 'nope'"):
        check_value("nope", 1)


def test_every_default_and_every_preset_passes_the_checks():
    assert restore_setup(DEFAULTS) == (dict(DEFAULTS), [])
    from logreg_core.presets import PRESETS

    for p in PRESETS:
        setup, dropped = restore_setup(p.full_setup(DEFAULTS))
        assert dropped == [] and setup == p.full_setup(DEFAULTS), p.key


#: The issue's own case, and HTML that would run if an export wrote it as markup.
HOSTILE_COLUMNS = ('q"""; print(\'PWNED\'); """', "</script><img src=x onerror=alert(1)>")


def _hostile_upload():
    """The Train page after a student uploaded a CSV whose column names are hostile."""
    first, second = HOSTILE_COLUMNS
    quoted = ",".join('"' + c.replace('"', '""') + '"' for c in (first, second, "y"))
    rows = "".join(f"{i % 7 - 3.0},{(i * 5) % 11 - 5.0},{i % 2}\n" for i in range(30))
    at = open_page("views/data.py")
    at.segmented_control(key="ctl_source").set_value("uploaded").run()
    data = (quoted + "\n" + rows).encode()
    at.file_uploader(key="upload_file").set_value(("evil.csv", data, "text/csv")).run()
    assert not at.exception, at.exception
    at.switch_page(TRAIN).run()
    assert not at.exception, at.exception
    return at


def test_hostile_column_names_leave_the_app_only_as_text(media, tmp_path):
    at = _hostile_upload()
    script, name = download(at, media, "script")
    assert name == FILE_NAMES["script"]
    path = tmp_path / "run.py"
    path.write_bytes(script)
    out = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=120, check=True
    )
    assert [line.split(" = ")[0] for line in out.stdout.splitlines()] == ["w", "b", "J"]
    assert "PWNED" not in out.stdout + out.stderr
    assert list(HOSTILE_COLUMNS) == _names_in_script(script.decode("utf-8"))

    page = download(at, media, "html")[0].decode("utf-8")
    assert "<img" not in page, "a column name became markup in the offline page"
    assert page.count("</script>") == page.count("<script")
    header = _offline_payload(page)[0]  # the names travel as data, drawn as text
    assert header["input_names"] == list(HOSTILE_COLUMNS)

    rows = list(csv.reader(io.StringIO(download(at, media, "csv")[0].decode("utf-8"))))
    assert rows[0][1:3] == ["w[x1]", "w[x2]"], "the CSV names the features, not the columns"

    setup = json.loads(download(at, media, "json")[0])["setup"]
    assert setup["csv_features"] == list(HOSTILE_COLUMNS)


def _names_in_script(src: str, name: str = "COLUMNS") -> list[str]:
    import ast

    (node,) = [
        n
        for n in ast.parse(src).body
        if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == name
    ]
    return ast.literal_eval(node.value)
