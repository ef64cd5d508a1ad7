"""What the tests and the benchmarks share: driving the app through AppTest, starting `streamlit run`
on a free port, Debian's Chromium through Playwright, and generated or edited data files.

Neither tests nor benchmarks import each other; both import from here.
"""
