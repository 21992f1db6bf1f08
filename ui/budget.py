"""The host's ceiling on the work of one run (:mod:`logreg_core.budget` counts the work).

Read once per process, in seconds of work on the measured machine: the
environment variable ``LOGREG_RUN_SECONDS``, else ``run_seconds`` at the root
of Streamlit's secrets (``.streamlit/secrets.toml``, or Community Cloud's
Secrets box).  Unset, it is :data:`logreg_core.budget.MAX_WORK` (about 20 s);
a value that is not a positive number is ignored, with a line in the log.
"""

from __future__ import annotations

import functools
import logging
import math
import os

import streamlit as st

from logreg_core.budget import ELEMENT_SECONDS, MAX_WORK

__all__ = ["ENV_VAR", "SECRET", "host_max_work", "max_work_from"]

#: The environment variable, and the secrets entry, that set the ceiling in seconds.
ENV_VAR = "LOGREG_RUN_SECONDS"
SECRET = "run_seconds"
#: The most a host may ask for: one run of a day on the measured machine.
_MAX_SECONDS = 86_400.0

_log = logging.getLogger(__name__)


def max_work_from(seconds) -> int | None:
    """The work ceiling for a host's setting in seconds, or None when it is not usable.

    Parameters
    ----------
    seconds : str, int, float or None
        The host's setting: a positive number of seconds, at most a day.

    Returns
    -------
    int or None
        Element operations (:data:`logreg_core.budget.ELEMENT_SECONDS` each),
        at least 1; None when ``seconds`` is not a number in (0, 86400].
    """
    if seconds is None or isinstance(seconds, bool):
        return None
    try:
        value = float(str(seconds).strip())
    except ValueError:
        return None
    if not math.isfinite(value) or not 0 < value <= _MAX_SECONDS:
        return None
    return max(1, int(value / ELEMENT_SECONDS))


def _secret():
    try:
        if not st.secrets.load_if_toml_exists():
            return None
        return st.secrets.get(SECRET)
    except Exception:  # a broken secrets file must not stop the page
        return None


@functools.cache
def host_max_work() -> int:
    """The ceiling on one run's work in this process: the host's setting, else MAX_WORK."""
    for where, value in ((ENV_VAR, os.environ.get(ENV_VAR)), (SECRET, _secret())):
        if value is None:
            continue
        work = max_work_from(value)
        if work is not None:
            return work
        _log.warning("%s=%r is not a number of seconds in (0, 86400]; ignored", where, value)
    return MAX_WORK
