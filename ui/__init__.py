"""Streamlit glue shared by the pages: session state, cached calls, controls, texts."""
