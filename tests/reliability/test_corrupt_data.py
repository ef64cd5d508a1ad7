"""Corrupt data files, through the app: each kind of corruption applied to a copy of data/ that the app
reads (PREVENT_EXPLORER_DATA_DIR). Every page starts and shows a clear message naming the file, the
line and the column; nothing is written, neither to the copy nor to the real data/.

AppTest runs every kind on every page; a real `streamlit run` in Chromium checks a sample (every
kind with --soak).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.apptest import PAGES, open_app
from prevent_explorer.paths import DATA_DIR_ENV, REPO_ROOT
from tests.reliability.browser_thread import in_browser
from tests.reliability.corruptions import CORRUPTIONS, Expected, tree_digest

DATA = REPO_ROOT / "data"
CANNOT_START = "The app cannot start: a data file does not match its contract"
BROWSER_SAMPLE = ("negative count", "wrong encoding", "truncated demo file")


@pytest.fixture(scope="module")
def original_digest() -> Iterator[dict[str, str]]:
    """The real data/ before the module's tests; checked again after them."""
    before = tree_digest(DATA)
    yield before
    assert tree_digest(DATA) == before, "a test run changed files under data/"


def corrupt_copy(tmp_path: Path, kind: str) -> tuple[Path, Expected]:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy, CORRUPTIONS[kind](copy)


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def names_the_problem(text: str, expected: Expected) -> bool:
    """The message names the file, the line and the column, and says what is wrong."""
    for line in text.splitlines():
        if expected.file not in line or expected.text.lower() not in line.lower():
            continue
        if expected.line is not None and f"line {expected.line}" not in line:
            continue
        if expected.column is not None and f"column '{expected.column}'" not in line:
            continue
        return True
    return False


@pytest.mark.parametrize("kind", list(CORRUPTIONS))
def test_every_page_explains_a_corrupt_file(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_app_caches: None, original_digest: dict
) -> None:
    data, expected = corrupt_copy(tmp_path, kind)
    corrupted = tree_digest(data)
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    for page in PAGES:
        at = open_app(page, {"ideology": "islamist"} if page != "data" else None)
        assert not at.exception, f"{kind} on {page}: {[e.value for e in at.exception]}"
        assert any(CANNOT_START in e.value for e in at.error), f"{kind} on {page}: no 'cannot start' message"
        text = "\n".join(unescape(m.value) for m in at.markdown)
        assert names_the_problem(text, expected), f"{kind} on {page}: expected {expected}, shown:\n{text[:2000]}"
    assert tree_digest(data) == corrupted, "the app changed the files it read"


@pytest.fixture
def corrupt_server(
    request: pytest.FixtureRequest, tmp_path: Path, chromium_path: str
) -> Iterator[tuple[str, Path, Expected]]:
    from harness.fixtures import app_server as streamlit_server

    data, expected = corrupt_copy(tmp_path, request.param)
    with streamlit_server(env={DATA_DIR_ENV: str(data)}) as url:
        yield url, data, expected


def _browser_check(server: tuple[str, Path, Expected], chromium: str) -> None:
    from harness.pages import assert_no_exception

    url, data, expected = server
    corrupted = tree_digest(data)

    def scenario(page: Any) -> None:
        for path in ("/", "/explorer?ideology=islamist"):
            page.goto(url + path)
            page.get_by_text("The app cannot start").first.wait_for(timeout=30000)
            # the run stops before the app's last element, so wait for nothing stale instead
            page.wait_for_function("() => document.querySelectorAll('[data-stale=true]').length === 0")
            text = page.get_by_test_id("stMain").inner_text()
            assert names_the_problem(text, expected), f"expected {expected}, shown:\n{text[:2000]}"
            assert_no_exception(page)

    in_browser(chromium, scenario)
    assert tree_digest(data) == corrupted


@pytest.mark.browser
@pytest.mark.parametrize("corrupt_server", BROWSER_SAMPLE, indirect=True)
def test_a_real_server_explains_a_corrupt_file(
    corrupt_server: tuple[str, Path, Expected], chromium_path: str, original_digest: dict
) -> None:
    _browser_check(corrupt_server, chromium_path)


@pytest.mark.browser
@pytest.mark.soak
@pytest.mark.parametrize("corrupt_server", [k for k in CORRUPTIONS if k not in BROWSER_SAMPLE], indirect=True)
def test_a_real_server_explains_a_corrupt_file_soak(
    corrupt_server: tuple[str, Path, Expected], chromium_path: str, original_digest: dict
) -> None:
    _browser_check(corrupt_server, chromium_path)
