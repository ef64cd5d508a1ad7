"""The referral-level layer in the main database: the synthetic demo, a file named on the command line, none."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from harness.files import GOOD_ROWS, csv_bytes
from prevent_explorer.database import Database, open_database
from prevent_explorer.filters import FilterState
from prevent_explorer.loading.validation import DataValidationError
from prevent_explorer.referrals.layer import ReferralLayer
from prevent_explorer.referrals.schema import SYNTHETIC_LABEL, SYNTHETIC_NOTE, TABLE_COLUMNS

YEARS = [f"{y}/{(y + 1) % 100:02d}" for y in range(2015, 2025)]


def test_demo_layer(db: Database) -> None:
    layer = db.referrals
    assert isinstance(layer, ReferralLayer)
    assert layer.kind == "synthetic" and layer.is_synthetic
    assert layer.label == SYNTHETIC_LABEL
    assert (
        layer.note
        == "Synthetic demo data: totals match the published figures; combinations are modelled and must not be quoted"
    )
    assert layer.note == SYNTHETIC_NOTE
    assert layer.source_name == "data/demo/referrals.parquet"
    assert layer.row_count == 66904
    assert layer.years == YEARS
    assert layer.suppression_threshold is None
    columns = [d[0] for d in db.con.execute("SELECT * FROM referrals LIMIT 0").description]
    assert columns == list(TABLE_COLUMNS)


def test_group_columns_map_every_label(db: Database) -> None:
    rows = db.con.execute(
        "SELECT DISTINCT ideology, ideology_group FROM referrals WHERE ideology <> ideology_group ORDER BY 1"
    ).fetchall()
    assert ("Right-wing", "Extreme right-wing") in rows
    assert ("InCel", "Incel") in rows
    groups = {r[0] for r in db.con.execute("SELECT DISTINCT sector_group FROM referrals").fetchall()}
    assert {"Prisons and probation", "Family and friends", "Local authority", "Not published"} <= groups
    stable = {r[0] for r in db.con.execute('SELECT DISTINCT "group" FROM categories').fetchall()}
    assert groups - {"Not published"} <= stable


def test_no_demo_file_means_no_layer(data_copy: Path) -> None:
    (data_copy / "demo" / "referrals.parquet").unlink()
    db = open_database(data_copy)
    assert db.referrals is None
    with pytest.raises(duckdb.CatalogException):
        db.con.execute("SELECT * FROM referrals")


def test_a_broken_demo_file_stops_loading(data_copy: Path) -> None:
    (data_copy / "demo" / "referrals.parquet").write_bytes(b"PAR1 not really PAR1")
    with pytest.raises(DataValidationError) as err:
        open_database(data_copy)
    assert "data/demo/referrals.parquet" in str(err.value)


def test_own_file_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS))
    db = open_database(referrals_file=path)
    layer = db.referrals
    assert layer.kind == "own" and layer.row_count == 4 and layer.suppression_threshold == 5
    assert layer.source_name == "export.csv"
    assert "export.csv" in layer.note and "<5" in layer.note
    assert layer.con is None  # in the main database: queried through Database.query
    df = db.query("referral_breakdown", by="ideology", **FilterState("2015/16", "2024/25").sql_params())
    assert dict(zip(df["category"], df["referrals"], strict=True)) == {
        "Islamist": 1,
        "Extreme right-wing": 2,
        "Incel": 1,
    }
    with pytest.raises(duckdb.PermissionException):
        db.cursor().execute("SELECT * FROM read_csv($path)", {"path": str(path)})
    layer.close()  # never closes the main database
    assert db.query("years")["year"].tolist() == YEARS


def test_a_bad_file_on_the_command_line_stops_loading(tmp_path: Path) -> None:
    rows = [list(r) for r in GOOD_ROWS]
    rows[1][2] = "Islamic"
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes(rows))
    with pytest.raises(DataValidationError) as err:
        open_database(referrals_file=path)
    assert "line 3, column 'ideology': 'Islamic' is not an allowed ideology; did you mean 'Islamist'?" in str(err.value)
    with pytest.raises(DataValidationError, match="the file is missing"):
        open_database(referrals_file=tmp_path / "nothing.csv")


def test_a_generated_file_on_the_command_line_stays_synthetic(tmp_path: Path) -> None:
    path = tmp_path / "copy.parquet"
    shutil.copy(Path(__file__).resolve().parent.parent / "data" / "demo" / "referrals.parquet", path)
    layer = open_database(referrals_file=path).referrals
    assert layer.kind == "synthetic" and layer.note == SYNTHETIC_NOTE and layer.suppression_threshold is None
