"""Shared fixtures and markers. Browser fixtures come from harness/fixtures.py (a plugin).

Markers, given here by folder so that the layout is the map: tests/browser/ is `browser`,
tests/reliability/ is `reliability` (and `browser` too where a test needs Chromium). The fast
tier is `pytest -m "not browser and not reliability"`; the README's command runs everything.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from prevent_explorer.database import Database, open_database
from prevent_explorer.paths import REPO_ROOT

DATA_DIR = REPO_ROOT / "data"
TESTS = Path(__file__).resolve().parent

pytest_plugins = ("harness.fixtures",)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--soak", action="store_true", help="run the long reliability variants")


@pytest.fixture(scope="session")
def db() -> Database:
    """The real database built from the bundled data/."""
    return open_database()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (published files and the demo), for corruption tests."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Markers by folder; the soak variants are skipped (never deselected) unless --soak is given."""
    skip_soak = pytest.mark.skip(reason="long reliability variant: run with --soak")
    for item in items:
        folder = Path(str(item.fspath)).resolve().relative_to(TESTS).parts[0]
        if folder == "browser" or "chromium_path" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if folder == "reliability":
            item.add_marker(pytest.mark.reliability)
        if item.get_closest_marker("soak") is not None and not config.getoption("--soak"):
            item.add_marker(skip_soak)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """An empty test run is a failure, never a silent pass (pytest's exit code 5)."""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
