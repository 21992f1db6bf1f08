"""logreg_core: logistic regression as a one-neuron network, in numpy alone.

The engine of the playground.  It never imports streamlit; only ``figures``
and ``lessons`` (each lesson's figures live with its numbers) import plotly,
and only the CSV reader (``csv_read``, ``csv_io``) imports pandas.
"""

from .csv_io import load_csv
from .data import (
    DATASET_KINDS,
    MAX_ROWS,
    DataError,
    Dataset,
    Standardizer,
    make_dataset,
    train_test_split,
)
from .features import FEATURE_MAPS, apply_features
from .model import (
    ExampleValues,
    backward,
    cost,
    example_values,
    forward,
    loss,
    predict,
    propagate,
    sigmoid,
)
from .surface import cost_surface
from .train import MAX_ITERATIONS, History, init_params, train

__all__ = [
    "DATASET_KINDS",
    "FEATURE_MAPS",
    "MAX_ITERATIONS",
    "MAX_ROWS",
    "DataError",
    "Dataset",
    "ExampleValues",
    "History",
    "Standardizer",
    "apply_features",
    "backward",
    "cost",
    "cost_surface",
    "example_values",
    "forward",
    "init_params",
    "load_csv",
    "loss",
    "make_dataset",
    "predict",
    "propagate",
    "sigmoid",
    "train",
    "train_test_split",
]
