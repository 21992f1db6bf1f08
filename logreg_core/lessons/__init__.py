"""The eight lessons, one module each: its numbers, its verdicts and its figures.

``model`` (lesson 1), ``sigmoid`` (2), ``loss`` (3), ``cost`` (4), ``descent``
(5), ``graph`` (6), ``vectorize`` (7), ``summary`` (8); what two or more of
them share (their data sets, a check, the figures' shared marks) is in
``shared``.  A later lesson builds on an earlier one's module (``cost`` on
``loss``, ``descent`` on ``cost``), never the other way round.

Everything here is built on :mod:`~logreg_core.model`,
:mod:`~logreg_core.surface` and :mod:`~logreg_core.train`; no formula of the
model is written a second time.  The figure builders are pure: arrays in,
``go.Figure`` out.  Each takes ``height`` (pixels) and ``texts``, its words in
the page's language: a mapping from the keys of its module's ``TEXTS`` (the
``[figures_lessons]`` table of ui/locales/*.toml), checked by
:func:`~logreg_core.figures.style.words`.
"""

from . import cost, descent, graph, loss, model, shared, sigmoid, summary, vectorize

__all__ = ["cost", "descent", "graph", "loss", "model", "shared", "sigmoid", "summary", "vectorize"]
