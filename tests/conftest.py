"""Shared fixtures. Browser fixtures live in tests/browser/conftest.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from prevent_explorer.db import Database, open_database
from prevent_explorer.paths import REPO_ROOT

DATA_DIR = REPO_ROOT / "data"


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


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """An empty test run is a failure, never a silent pass (pytest's exit code 5)."""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
