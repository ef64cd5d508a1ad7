"""Prevent Explorer: the non-Streamlit core (data loading, validation, queries, filters, charts)."""

__version__ = "0.1.0"
