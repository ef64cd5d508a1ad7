"""Lock-down of the running app: the DuckDB connections it queries (the cached database, and the one
of an uploaded file) cannot read or write files, attach databases or change settings; and no
request path writes under data/ (checksums before and after a browser session that visits every
page, changes filters, downloads a table and uploads files)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import duckdb
import psutil
import pytest
from streamlit.testing.v1 import AppTest

from harness.apptest import open_app
from prevent_explorer.paths import REPO_ROOT
from tests.reliability.browser_thread import in_browser
from tests.reliability.corruptions import tree_digest

DATA = REPO_ROOT / "data"
SOURCES_CSV = DATA / "published" / "sources.csv"
DEMO = DATA / "demo" / "referrals.parquet"
FORBIDDEN = [
    "SELECT * FROM read_csv('{csv}')",
    "SELECT * FROM read_csv_auto('{csv}')",
    "SELECT * FROM '{csv}'",
    "SELECT * FROM read_text('{csv}')",
    "SELECT * FROM read_blob('{csv}')",
    "SELECT * FROM read_json_auto('{csv}')",
    "SELECT * FROM read_parquet('{parquet}')",
    "SELECT * FROM parquet_metadata('{parquet}')",
    "SELECT * FROM glob('{data}/*')",
    "COPY (SELECT 1 AS x) TO '{out}'",
    "COPY figures TO '{out}' (FORMAT csv)",
    "EXPORT DATABASE '{outdir}'",
    "ATTACH '{db}' AS other",
    "ATTACH '{db}' AS other (READ_ONLY)",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "RESET enable_external_access",
    "SET temp_directory = '{outdir}'",
    "CREATE TABLE stolen AS SELECT * FROM '{csv}'",
]
DENIED = (duckdb.PermissionException, duckdb.InvalidInputException, duckdb.CatalogException, duckdb.IOException)


def statements(tmp: Path) -> list[str]:
    values = {
        "csv": SOURCES_CSV,
        "parquet": DEMO,
        "data": DATA,
        "out": tmp / "out.csv",
        "outdir": tmp / "export",
        "db": tmp / "x.duckdb",
    }
    return [s.format(**values) for s in FORBIDDEN]


def assert_locked(con: duckdb.DuckDBPyConnection, tmp: Path, where: str) -> None:
    """Every statement of FORBIDDEN fails. (Attaching a new *in-memory* database is not refused by
    DuckDB's lock-down; it touches no file, and the app runs no SQL but its own queries/*.sql.)"""
    allowed = []
    for sql in statements(tmp):
        cur = con.cursor()
        try:
            cur.execute(sql)
            allowed.append(sql)
        except DENIED:
            pass
        finally:
            cur.close()
    assert not allowed, f"{where}: these statements were allowed: {allowed}"
    assert not any(tmp.iterdir()), f"{where}: files were written: {list(tmp.iterdir())}"


def test_the_app_database_is_locked_down(tmp_path: Path) -> None:
    """The connection the running app queries: the cached database() of this process."""
    from prevent_explorer.shell.data import database

    open_app("explorer")  # the app has loaded and cached its database in this process
    db = database()
    assert db.referrals is not None
    assert_locked(db.con, tmp_path, "the app's database")


def _page_level_probe() -> None:
    """Runs as a Streamlit script: tries file access through the app's own database from a page."""
    import streamlit as st

    from prevent_explorer.shell.data import database

    outcomes = {}
    for sql in st.session_state["statements"]:
        cur = database().cursor()
        try:
            cur.execute(sql)
            outcomes[sql] = "allowed"
        except Exception as err:
            outcomes[sql] = type(err).__name__
        finally:
            cur.close()
    st.session_state["outcomes"] = outcomes
    st.write("done")


def test_a_page_cannot_reach_files_through_the_database(tmp_path: Path) -> None:
    at = AppTest.from_function(_page_level_probe, default_timeout=120)
    at.session_state["statements"] = statements(tmp_path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    allowed = [sql for sql, outcome in at.session_state["outcomes"].items() if outcome == "allowed"]
    assert not allowed, allowed
    assert not any(tmp_path.iterdir())


def test_an_uploaded_file_gets_a_locked_down_connection(tmp_path: Path) -> None:
    rows = ["referral_id,year,ideology,sector,age_group,gender,region,outcome"]
    rows += [f"R{i},2023/24,Islamist,Education,11 to 15,Male,London,No further action" for i in range(12)]
    at = open_app("explorer")
    at.file_uploader(key="own_upload").set_value(("own.csv", ("\n".join(rows) + "\n").encode(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    layer = at.session_state["_own_layer"]
    assert layer is not None and layer.con is not None
    assert_locked(layer.con, tmp_path, "the upload's database")


# ------------------------------------------------------------------------------------------------
# No request path writes under data/: a real browser session over every page
# ------------------------------------------------------------------------------------------------
def _written_under_data(pid: int) -> list[str]:
    """Files under data/ the server holds open for writing."""
    out = []
    for f in psutil.Process(pid).open_files():
        if Path(f.path).resolve().is_relative_to(DATA.resolve()) and any(m in f.mode for m in "wa+"):
            out.append(f.path)
    return out


def _session(url: str, tmp_path: Path, chromium: str) -> None:
    """A user's session: every page, filter changes, a download, a good and a bad upload."""
    from harness.pages import assert_no_exception, open_app, settle

    def scenario(page: Any) -> None:
        open_app(page, url + "/", "Prevent referrals at a glance")
        for link, heading in (
            ("Published figures", "Published figures"),
            ("Referral explorer", "Referral explorer"),
            ("Recommendations", "Recommendations about Prevent"),
            ("Data & methods", "Data & methods"),
            ("Overview", "Prevent referrals at a glance"),
        ):
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
            page.get_by_role("heading", name=heading).first.wait_for()
            settle(page)
            assert_no_exception(page)
        # change filters
        box = page.get_by_test_id("stMultiSelect").filter(has_text="Type of concern")
        box.locator("input").click()
        page.get_by_role("option", name="Islamist", exact=True).click()
        page.keyboard.press("Escape")
        settle(page)
        page.get_by_test_id("stSidebar").get_by_text("Percentages", exact=True).click()
        settle(page)
        # download a table
        page.get_by_text("Show the data behind this chart").first.click()
        with page.expect_download() as info:
            page.get_by_test_id("stDownloadButton").first.click()
        info.value.save_as(tmp_path / "download.csv")
        assert (tmp_path / "download.csv").stat().st_size > 0
        # upload a good and a bad file on the explorer
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Referral explorer").click()
        page.get_by_role("heading", name="Referral explorer").first.wait_for()
        settle(page)
        good = tmp_path / "own.csv"
        rows = ["referral_id,year,ideology,sector,age_group,gender,region,outcome"]
        rows += [f"R{i},2024/25,Islamist,Education,11 to 15,Male,London,No further action" for i in range(20)]
        good.write_text("\n".join(rows) + "\n", encoding="utf-8")
        page.get_by_text("Use your own referral-level file").click()
        page.locator("input[type=file]").set_input_files(str(good))
        page.get_by_text("Your own file 'own.csv'").wait_for(timeout=30000)
        settle(page)
        bad = tmp_path / "bad.csv"
        bad.write_bytes(b"referral_id;year\nR1;2018/19\n")
        page.locator("input[type=file]").set_input_files(str(bad))
        page.get_by_text("The file cannot be used").wait_for(timeout=30000)
        assert_no_exception(page)

    in_browser(chromium, scenario)


@pytest.mark.browser
def test_a_browser_session_writes_nothing_under_data(chromium_path: str, tmp_path: Path) -> None:
    from harness.server import streamlit_server

    before = tree_digest(DATA)
    with streamlit_server(log_dir=REPO_ROOT / "test-artifacts") as server:
        _session(server.url, tmp_path, chromium_path)
        assert not _written_under_data(server.pid)
        time.sleep(0.5)
    assert tree_digest(DATA) == before, "a request wrote under data/"
