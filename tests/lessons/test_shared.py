"""What the lessons share: the check of a weight vector; every figure word in both languages."""

import numpy as np
import pytest

from logreg_core.lessons import cost, descent, loss, model, shared, sigmoid, summary, vectorize
from ui.i18n import catalogue

LESSONS_WITH_FIGURES = (model, sigmoid, loss, cost, descent, vectorize, summary)


@pytest.mark.parametrize("lesson", LESSONS_WITH_FIGURES, ids=lambda m: m.__name__)
def test_every_figure_word_has_words_in_both_catalogues(lesson):
    for lang in ("en", "zh"):
        words = catalogue(lang)
        assert all(words.get(f"figures_lessons.{key}") for key in lesson.TEXTS), lang


def test_weights_is_a_column_of_n_finite_numbers():
    np.testing.assert_array_equal(shared.weights([1.0, 2.0], 2), [[1.0], [2.0]])
    assert shared.weights(3.0, 1).shape == (1, 1)
    with pytest.raises(ValueError, match=r"w must hold 2 finite weights, got \[1.0\]"):
        shared.weights([1.0], 2)
    with pytest.raises(ValueError, match=r"w must hold 1 finite weights, got \[inf\]"):
        shared.weights(np.inf, 1)
