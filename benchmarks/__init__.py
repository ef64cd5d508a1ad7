"""Benchmarks of Prevent Explorer, run by hand: `.venv/bin/python benchmarks/run.py` (see README.md)."""
