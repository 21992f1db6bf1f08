"""Three replicas behind HAProxy, 4 students: a replica that dies loses no student's run.

One cluster (``deploy/replicas.py``: 3 ``streamlit run`` replicas and HAProxy
with its sticky cookie) and one Chromium serve the whole module (and one xdist
worker runs it all); 4 students, each a browser context of its own, open the
Train page with a link of their own (a kind of data, a seed and an α), one
after the other (each arrives once the one before holds its websocket and its
page's requests have ended; their runs then go on side by side).  Four prove
what a class of 15 did: every replica holds a student, and the one that holds
two dies first, so a dead replica's students are several and are shared out
over the two others.  Then:

- the sticky cookie spreads them over the replicas (every replica holds some,
  no replica more than one student above another) and each stays on its
  replica, on one websocket, across reruns;
- one replica is killed with SIGKILL: each of its students gets the page back
  on another replica within :data:`RECOVERY_BOUND` seconds, with the same data
  set, the same link and the J the engine gives for that link; the students of
  the other replicas keep their websocket and their page;
- every replica that holds students in turn is stopped and started again
  (the killed one, already started anew, holds none): no student loses the
  setup;
- a student who had uploaded a file and whose replica dies is told in words
  that the file was lost with the server, with a link back to the Data page,
  where uploading it again brings the data back.

The only timed assertion is the bounded recovery wait; it is generous, for a
busy 2-core machine.  ``bench/replica_bench.py`` runs the class of 15.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

from bench.load_bench import Plan
from tests.browser.harness import wait_for_run
from ui.i18n import t

from .classroom import (
    Cluster,
    Student,
    expected_cost,
    rerun_same_setup,
    student_links,
    wait_connections,
)
from .conftest import cluster_port

#: The whole module shares one cluster: xdist (--dist loadgroup) runs it on one worker.
pytestmark = pytest.mark.xdist_group("cluster")

#: One more than the replicas: every replica holds a student, and one holds two.
STUDENTS = 4
REPLICAS = 3
#: Seconds a student of a dead replica may wait for the page to come back.
RECOVERY_BOUND = 120.0


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    port = cluster_port(REPLICAS)
    with Cluster(REPLICAS, port, workdir=tmp_path_factory.mktemp("replicas")) as c:
        yield c


@pytest.fixture(scope="module")
def students(cluster, chromium):
    links = student_links(STUDENTS)
    opened = []
    try:
        everyone = [r.name for r in cluster.replicas]
        for i, params in enumerate(links):
            # HAProxy may have marked a replica down for a moment on a busy machine (its health
            # check unanswered): each student arrives while all three are up, so that leastconn
            # can spread them
            cluster.wait_up(everyone)
            wait_connections(cluster, i)  # only the websockets of the students before
            opened.append(Student(i, params).arrive(chromium, cluster.url))
        for i, s in enumerate(opened):  # the last arrived long after the first one's settling
            s.wait_for_cost(settle_ms=500 if i == 0 else 0)
        yield opened
    finally:
        for s in opened:
            s.close()


@pytest.fixture(scope="module")
def expected():
    return [expected_cost(params) for params in student_links(STUDENTS)]


def _where(students) -> dict[str, list[Student]]:
    out: dict[str, list[Student]] = {}
    for s in students:
        out.setdefault(s.replica(), []).append(s)
    return out


def _check_page(s: Student, expected: str, original_query: dict) -> None:
    shown = s.shown()
    assert shown["exception"] == 0, f"student {s.index} sees an exception"
    assert shown["data"], f"student {s.index} lost the data set {s.data_key}: {s.sidebar()}"
    assert shown["query"] == original_query, (s.index, shown["query"], original_query)
    assert shown["cost"] == expected, (s.index, shown["cost"], expected)


def test_sessions_spread_over_replicas_and_stay(cluster, students, expected):
    where = _where(students)
    counts = Counter({name: len(group) for name, group in where.items()})
    print(f"\nsessions per replica: {dict(sorted(counts.items()))}")
    assert set(counts) == {r.name for r in cluster.replicas}  # every replica holds some
    assert max(counts.values()) - min(counts.values()) <= 1  # leastconn: as even as can be
    before = {s.index: (s.replica(), s.shown()["query"]) for s in students}
    rerun_same_setup(students)  # all at once, as a class does
    for s in students:
        replica, query = before[s.index]
        assert s.replica() == replica
        assert len(s.sockets) == 1 and s.open_sockets() == 1  # the same session throughout
        _check_page(s, expected[s.index], query)
    # HAProxy holds each student's websocket on the replica its cookie names
    stats = cluster.stats()
    for name, group in where.items():
        assert int(stats[name]["scur"]) >= len(group), (name, stats[name]["scur"], len(group))


def test_a_replica_killed_mid_class_loses_no_run(cluster, students, expected):
    where = _where(students)
    victim = max(where, key=lambda name: len(where[name]))
    moved, stayed = where[victim], [s for s in students if s.replica() != victim]
    before = {s.index: (s.replica(), len(s.sockets), s.shown()) for s in students}
    killed_at = time.monotonic()
    cluster.by_name(victim).kill()
    deadline = killed_at + RECOVERY_BOUND
    back = {s.index: s.wait_moved(victim, before[s.index][1], deadline) for s in moved}
    seconds = sorted(round(at - killed_at, 1) for at in back.values())
    print(f"\nkilled {victim} with {len(moved)} students; back after {seconds} s")
    for s in moved:
        assert s.replica() != victim
        _check_page(s, expected[s.index], before[s.index][2]["query"])
    rerun_same_setup(moved)  # the new replicas compute the runs themselves
    for s in moved:
        _check_page(s, expected[s.index], before[s.index][2]["query"])
    for s in stayed:  # nothing happened to them: the same replica, the same websocket
        replica, sockets, shown = before[s.index]
        assert s.replica() == replica
        assert len(s.sockets) == sockets and s.open_sockets() == 1
        assert s.shown() == shown
    cluster.start(victim)


def test_a_rolling_restart_loses_no_setup(cluster, students, expected):
    """Every replica that holds students is stopped (SIGTERM) and started again, in turn.

    One that holds none has no setup to lose: the replica killed in the test
    before, already started anew there, is the one; at least all replicas but
    one go through the restart here, so students move more than once.
    """
    queries = {s.index: s.shown()["query"] for s in students}
    restarted = []
    for replica in cluster.replicas:
        group = [s for s in students if s.replica() == replica.name]
        if not group:
            continue
        sockets = {s.index: len(s.sockets) for s in group}
        replica.stop()
        deadline = time.monotonic() + RECOVERY_BOUND
        for s in group:
            s.wait_moved(replica.name, sockets[s.index], deadline)
        cluster.start(replica.name)
        restarted.append(replica.name)
    assert len(restarted) >= REPLICAS - 1, restarted
    for s in students:
        _check_page(s, expected[s.index], queries[s.index])


def test_uploaded_data_lost_with_its_replica_is_said_in_words(cluster, chromium):
    plan = Plan(7, "linear", 0, True)
    column = f"{plan.prefix}hours"
    upload = {"name": "class.csv", "mimeType": "text/csv", "buffer": plan.csv()}
    s = Student(99, {"seed": "77"})
    s.context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    s.page = page = s.context.new_page()
    page.set_default_timeout(120_000)
    page.on("websocket", lambda ws: s.sockets.append(ws))
    try:
        page.goto(f"{cluster.url}/?seed=77")
        wait_for_run(page, settle_ms=800, timeout=120_000)
        page.get_by_text(t("texts.source_uploaded", lang="en"), exact=True).click()
        wait_for_run(page, settle_ms=800, timeout=120_000)
        main = page.locator('[data-testid="stMain"]')
        main.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(upload)
        chart = page.locator('[data-testid="stPlotlyChart"]')
        chart.filter(has_text=column).first.wait_for()
        victim, sockets = s.replica(), len(s.sockets)

        cluster.by_name(victim).kill()
        lost = t("share.arrival_upload_lost", lang="en")
        page.get_by_text(lost[:60]).wait_for(timeout=RECOVERY_BOUND * 1000)
        wait_for_run(page, settle_ms=800, timeout=120_000)
        assert s.replica() != victim and len(s.sockets) > sockets
        assert page.locator('[data-testid="stException"]').count() == 0
        assert "uploaded" not in s.sidebar()  # no silent stand-in: the page says what it shows
        assert chart.filter(has_text=column).count() == 0

        # the way back: the link to the Data page, and the file uploaded again
        page.get_by_role("link", name=t("share.upload_again", lang="en")).click()
        wait_for_run(page, settle_ms=800, timeout=120_000)
        page.get_by_text(t("texts.source_uploaded", lang="en"), exact=True).click()
        wait_for_run(page, settle_ms=800, timeout=120_000)
        main.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(upload)
        chart.filter(has_text=column).first.wait_for()
        assert "class.csv" in s.sidebar()
    finally:
        s.close()
    cluster.start(victim)
