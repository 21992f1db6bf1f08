"""Loaded by the server when bench/soak_bench.py --probe puts this folder on PYTHONPATH."""

from bench.memory_probe import install

install()
