"""The English words of the figures, as the app passes them: read from ui/locales/en.toml.

A test that calls a figure builder gives it ``texts=FIGURES`` (the playground
figures and the computational graph) or ``texts=LESSONS`` (the lesson
figures), so no word is copied into the tests.
"""

import tomllib
from pathlib import Path

with open(Path(__file__).resolve().parents[1] / "ui" / "locales" / "en.toml", "rb") as f:
    _EN = tomllib.load(f)

#: The ``[figures]`` table: the words of the playground figures and of the graph.
FIGURES: dict[str, str] = dict(_EN["figures"])
#: The ``[figures_lessons]`` table: the words of the lesson figures.
LESSONS: dict[str, str] = dict(_EN["figures_lessons"])
