"""Prevent Explorer: the non-Streamlit core (data loading, validation, queries, filters, charts)."""

import pandas as pd

# Text columns as Python strings rather than Arrow arrays. The app's frames are small (tens to
# hundreds of rows), where each Arrow compute call costs more than the work, and releases and
# re-takes the GIL, which under load makes every other session wait (benchmarks/README.md,
# "The server under load"). DuckDB's results follow this option too.
pd.set_option("mode.string_storage", "python")

__version__ = "0.1.0"
