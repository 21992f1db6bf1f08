"""Plotly figure builders: pure functions, arrays in, ``go.Figure`` out.

The only part of logreg_core that imports plotly.  ``style`` holds the colours
and layout shared by every figure, so a class has the same colour everywhere.
"""
