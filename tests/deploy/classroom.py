"""A class of students in one Chromium, behind HAProxy: who is where, and what each one sees.

Each student is a browser context of its own (its own cookies, so its own
sticky replica, and its own websocket) that opens the Train page with a link
of its own (:func:`student_links`).  :class:`Student` records every websocket
its page opens, reads the replica from HAProxy's ``SRV`` cookie, and reads the
page's J, data set and address bar.  ``tests/deploy/`` and
``bench/replica_bench.py`` use it.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

from logreg_core.data import DEFAULT_NOISE
from logreg_core.pipeline import run_setup
from tests.browser.harness import ROOT, wait_for_run
from ui.share import decode
from ui.state import DEFAULTS
from ui.texts import fmt


def _replicas_module():
    """deploy/replicas.py, loaded by its path: under pytest, ``deploy`` names this package."""
    name = "logreg_deploy_replicas"
    if name not in sys.modules:
        path = ROOT / "deploy" / "replicas.py"
        spec = importlib.util.spec_from_file_location(name, path)
        sys.modules[name] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules[name]


replicas = _replicas_module()
Cluster = replicas.Cluster
haproxy_path = replicas.haproxy_path

#: Kinds of data the students pick (one_feature is left out: the page then narrows the
#: features itself, which a link does not say).
KINDS = ("linear", "gauss", "xor", "circles", "moons", "spiral")
ALPHAS = (0.1, 0.3, 1.0)
COOKIE = "SRV"
#: The Train page's J, as st.metric shows it.
COST = '[data-testid="stMetric"]'
SIDEBAR = '[data-testid="stSidebar"]'
CONNECTING = '[data-testid="stStatusWidget"]'


def student_links(n: int) -> list[dict[str, str]]:
    """The link parameters of n students: a kind, a seed and an α of their own."""
    return [
        {"kind": KINDS[i % len(KINDS)], "seed": str(3000 + i), "alpha": repr(ALPHAS[i % 3])}
        for i in range(n)
    ]


def expected_cost(params: dict[str, str]) -> str:
    """The final J the Train page must show for a link, computed here by the engine."""
    reading = decode(params)
    assert not reading.problems, reading.problems
    setup = dict(DEFAULTS) | reading.setup
    if setup["noise"] is None:
        setup["noise"] = DEFAULT_NOISE[setup["kind"]]
    return fmt(run_setup(setup).history.cost[-1])


def query(url: str) -> dict[str, list[str]]:
    """The query parameters of an address."""
    return parse_qs(urlsplit(url).query)


@dataclass
class Student:
    """One browser context on the Train page, with what its page did."""

    index: int
    params: dict[str, str]
    context: object = None
    page: object = None
    sockets: list = field(default_factory=list)

    @property
    def data_key(self) -> str:
        """The data set as the sidebar names it ("moons · seed 3004")."""
        return f"{self.params['kind']} · seed {self.params['seed']}"

    def open(self, browser, base_url: str, timeout_ms: int = 120_000) -> Student:
        """Open the Train page with this student's link and wait until its run is shown."""
        self.arrive(browser, base_url, timeout_ms)
        self.wait_for_cost(timeout_ms)
        return self

    def arrive(self, browser, base_url: str, timeout_ms: int = 120_000) -> Student:
        """Open the Train page with this student's link; return once its websocket is open.

        HAProxy has then pinned the student to a replica (the SRV cookie) and counts
        the websocket as that replica's connection, so the next student to arrive is
        balanced with this one counted; the run itself may still be going.  Open means
        a message has come back on it from the replica: the browser's websocket event
        alone comes when the socket is made, before HAProxy has connected it (on a
        busy machine the next student could then be balanced without it).
        """
        heard: list = []

        def socket(ws) -> None:
            self.sockets.append(ws)
            ws.on("framereceived", lambda _frame: heard.append(ws))

        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
        self.page = self.context.new_page()
        self.page.set_default_timeout(timeout_ms)
        self.page.on("websocket", socket)
        self.page.goto(f"{base_url}/train?{urlencode(self.params)}")
        deadline = time.monotonic() + timeout_ms / 1000
        while not heard:
            if time.monotonic() > deadline:
                raise TimeoutError(f"student {self.index}: no websocket open in {timeout_ms} ms")
            self.page.wait_for_timeout(50)
        return self

    def close(self) -> None:
        if self.context is not None:
            self.context.close()

    def replica(self) -> str | None:
        """The replica HAProxy pins this browser to (its SRV cookie)."""
        return next((c["value"] for c in self.context.cookies() if c["name"] == COOKIE), None)

    def open_sockets(self) -> int:
        return sum(1 for ws in self.sockets if not ws.is_closed())

    def wait_for_cost(self, timeout_ms: int = 120_000, *, settle_ms: int = 500) -> None:
        """Wait until the page shows J and its script run has ended (``settle_ms`` first, for
        a run about to start; 0 when the class has just been waited for together)."""
        self.page.locator(COST).filter(has_text="cost J").first.wait_for(timeout=timeout_ms)
        wait_for_run(self.page, settle_ms=settle_ms, timeout=timeout_ms)

    def cost(self) -> str:
        box = self.page.locator(COST).filter(has_text="cost J").first
        return box.locator('[data-testid="stMetricValue"]').inner_text()

    def sidebar(self) -> str:
        return self.page.locator(SIDEBAR).inner_text()

    def shown(self) -> dict[str, object]:
        """What the page shows now: J, whether the sidebar names its data set, the link."""
        return {
            "cost": self.cost(),
            "data": self.data_key in self.sidebar(),
            "query": query(self.page.url),
            "exception": self.page.locator('[data-testid="stException"]').count(),
        }

    def rerun_same_setup(self, timeout_ms: int = 120_000) -> None:
        """Two reruns that end on the same setup: one more iteration step, then one less."""
        rerun_same_setup([self], timeout_ms)

    def press_iterations(self, key: str) -> None:
        """Press ``key`` on the Train page's Iterations slider (a rerun starts)."""
        slider = (
            self.page.locator('[data-testid="stSlider"]')
            .filter(has_text="Iterations")
            .get_by_role("slider")
        )
        slider.focus()
        slider.press(key)

    def wait_moved(self, old: str, sockets_before: int, deadline: float) -> float:
        """Wait until the page has reconnected to another replica and redrawn its run.

        Returns the monotonic time at which it had; raises TimeoutError past ``deadline``.
        """
        page = self.page
        while time.monotonic() < deadline:
            moved = self.replica() not in (None, old) and len(self.sockets) > sockets_before
            if moved and self.open_sockets() == 1 and page.locator(CONNECTING).count() == 0:
                try:
                    left = max(1.0, deadline - time.monotonic()) * 1000
                    self.wait_for_cost(int(left))
                    return time.monotonic()
                except Exception:  # the run is still going: try again until the deadline
                    pass
            page.wait_for_timeout(250)
        raise TimeoutError(
            f"student {self.index} did not come back within the bound (cookie "
            f"{self.replica()}, {len(self.sockets)} websockets)"
        )


def wait_connections(cluster, n: int, timeout: float = 30.0) -> int:
    """Wait until HAProxy holds ``n`` connections to the replicas, all told; return the count.

    Before a student arrives, ``n`` is the students already there (a websocket
    each): the requests of the last one's page (its scripts, loaded as its page
    draws) have then ended, and ``leastconn`` balances the newcomer on the
    websockets alone.  A page still loading counts on its replica and sends the
    next student elsewhere (3/2/1 instead of 2/2/2 on a busy machine).  Past
    ``timeout`` it returns what it saw, for the caller's assertion to tell.
    """
    deadline = time.monotonic() + timeout
    while True:
        total = sum(int(row["scur"]) for row in cluster.stats().values())
        if total == n or time.monotonic() > deadline:
            return total
        time.sleep(0.1)


def rerun_same_setup(students: list[Student], timeout_ms: int = 120_000) -> None:
    """Each student reruns twice, ending on the same setup: one iteration step more, one less.

    The students press together and then wait together, so their replicas rerun
    side by side, as a class's do.
    """
    for key in ("ArrowRight", "ArrowLeft"):
        for s in students:
            s.press_iterations(key)
        for i, s in enumerate(students):
            wait_for_run(s.page, settle_ms=800 if i == 0 else 0, timeout=timeout_ms)
    for s in students:  # every run has just been waited for: no settling again
        s.wait_for_cost(timeout_ms, settle_ms=0)
