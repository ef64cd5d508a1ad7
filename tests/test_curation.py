"""The committed published files are exactly what tools/curate/build.py makes from the reference material
and the curated inputs, and the inputs (tools/curate/inputs/) are well formed."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from prevent_explorer.loading.vocabulary import (
    AVAILABILITY_DIMENSIONS,
    AVAILABILITY_STATES,
    DIMENSIONS,
    MEASURES,
    OTHER_TOPICS,
    PROGRESS_STAGES,
    PROGRESS_UNITS,
    QUALITIES,
    REC_AGENCIES,
    REC_CONFIRMED,
    REC_STATUSES,
    ROLES,
    SOURCE_KINDS,
)
from prevent_explorer.paths import REPO_ROOT

CURATE = REPO_ROOT / "tools" / "curate"
HEX = re.compile(r"#[0-9A-F]{6}")
YEAR = re.compile(r"\d{4}/\d{2}")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_curation_rebuilds_the_committed_files(tmp_path: Path) -> None:
    out = tmp_path / "published"
    subprocess.run(
        [sys.executable, str(CURATE / "build.py"), "--out", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    committed = REPO_ROOT / "data" / "published"
    built = sorted(p.name for p in out.glob("*.csv"))
    assert built == sorted(p.name for p in committed.glob("*.csv"))
    for name in built:
        assert (out / name).read_bytes() == (committed / name).read_bytes(), f"{name} differs from the curation output"


@pytest.fixture(scope="module")
def inputs() -> ModuleType:
    """tools/curate/inputs.py, the loader of the curated inputs (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("curate_inputs", CURATE / "inputs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_input_file_parses_with_its_header_and_unique_keys(inputs: ModuleType) -> None:
    folder = CURATE / "inputs"
    on_disk = {p.name for p in folder.iterdir()}
    assert on_disk == {*inputs.FILES, "settings.toml", "README.md"}, "an input file is missing or not listed in FILES"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for name, spec in inputs.FILES.items():
        rows = inputs.read(name)  # checks the header, the cell count and the key
        assert rows, f"{name} has no rows"
        assert f"| `{name}` | {len(rows)} |" in readme, f"inputs/README.md does not give {name} with {len(rows)} rows"
        for column in spec.header:
            assert f"`{column}`" in readme, f"inputs/README.md does not name the column {column} of {name}"
        for row in rows:
            if len(spec.key) == 1:
                assert row[spec.key[0]], f"{name}: a row without {spec.key[0]}"
            for column, value in row.items():
                assert value == value.strip(), f"{name}: {column} has leading or trailing space: {value!r}"


def test_settings_parse(inputs: ModuleType) -> None:
    settings = inputs.settings()
    assert set(settings) == {"palette", "dimension_names", "quality", "percent_change_measures", "availability"}
    assert set(settings["availability"]["measures"]) <= set(MEASURES)
    assert set(settings["availability"]["dimensions"]) <= set(DIMENSIONS)
    assert settings["availability"]["default_evidence"]
    assert all(HEX.fullmatch(v) for v in settings["palette"].values())
    assert set(settings["dimension_names"].values()) <= set(DIMENSIONS)
    assert set(settings["percent_change_measures"].values()) <= set(MEASURES)
    assert all(m == m.lower() for m in settings["quality"]["doubtful_markers"])


def test_inputs_refer_to_known_sources_and_values(inputs: ModuleType) -> None:
    sources = inputs.read("sources.csv")
    ids = {s["source_id"] for s in sources}
    figure_sources = {s["source_id"] for s in sources if s["cited_for"] == "figures"}
    for s in sources:
        assert s["cited_for"] in ("figures", "recommendations"), s
        assert s["kind"] in SOURCE_KINDS, s
        assert s["published"] == "" or DATE.fullmatch(s["published"]), s
    urls = [s["url"] for s in sources if s["cited_for"] == "figures" and s["url"]]
    assert len(urls) == len(set(urls)), "two sources of figures share an address"

    def known(name: str, column: str, allowed: set[str], sep: str | None = None, optional: bool = False) -> None:
        for row in inputs.read(name):
            values = row[column].split(sep) if sep else [row[column]]
            for v in values:
                assert v in allowed or (optional and v == ""), f"{name}: {column} {v!r} is not known"

    known("url_aliases.csv", "source_id", figure_sources)
    known("releases.csv", "source_id", figure_sources)
    known("category_changes.csv", "source_id", ids)
    known("extra_figures.csv", "source_id", figure_sources)
    known("extra_other_figures.csv", "source_id", figure_sources)
    for column, sep, optional in (
        ("source_id", None, False),
        ("status_source_id", None, True),
        ("found_in_source_ids", ";", False),
    ):
        known("recommendations.csv", column, ids, sep, optional)
    known("recommendations.csv", "agency", set(REC_AGENCIES), ";")
    known("recommendations.csv", "status", set(REC_STATUSES))
    known("recommendations.csv", "confirmed", set(REC_CONFIRMED))
    known("findings.csv", "source_id", ids)
    known("findings.csv", "reported_by_source_ids", ids, ";")
    known("progress.csv", "source_id", ids)
    known("progress.csv", "statement_source_id", ids)
    known("progress.csv", "stage", set(PROGRESS_STAGES))
    known("progress.csv", "unit", set(PROGRESS_UNITS))
    known("reports.csv", "source_id", ids)
    known("reports.csv", "made_source_id", ids)
    known("quality_overrides.csv", "quality", set(QUALITIES))
    known("availability.csv", "state", set(AVAILABILITY_STATES))
    known("availability.csv", "dimension", set(AVAILABILITY_DIMENSIONS))
    known("availability.csv", "measures", {*MEASURES, ""}, ";")
    known("availability.csv", "source_id", ids, optional=True)
    known("availability.csv", "release_source_id", ids, optional=True)
    release_years = {r["year"] for r in inputs.read("releases.csv")}
    for row in inputs.read("availability.csv"):
        assert set(row["years"].split(";")) <= release_years, row
        assert row["evidence"], row

    for row in inputs.read("releases.csv"):
        assert YEAR.fullmatch(row["year"]), row
    for row in inputs.read("progress.csv"):
        assert int(row["done"]) <= int(row["total"]), row
    for row in inputs.read("reports.csv"):
        assert row["recommendations_made"] == "" or int(row["recommendations_made"]) > 0, row
    for row in inputs.read("quality_overrides.csv"):
        assert int(row["reference_line"]) >= 2, row
    for name in ("extra_figures.csv", "extra_other_figures.csv"):
        for row in inputs.read(name):
            assert YEAR.fullmatch(row["year"]) and row["measure"] in MEASURES, row
            assert row["count"] == "" or int(row["count"]) >= 0, row
            for column in ("percent", "percent_change", "rate_per_million"):
                if row.get(column, ""):
                    float(row[column])


def test_category_and_label_tables_are_consistent(inputs: ModuleType) -> None:
    palette = inputs.settings()["palette"]
    groups = {(g["dimension"], g["group"]) for g in inputs.read("category_groups.csv")}
    for g in inputs.read("category_groups.csv"):
        assert int(g["sort_order"]) >= 0 and (g["colour"] in palette or HEX.fullmatch(g["colour"])), g
    for c in inputs.read("categories.csv"):
        assert c["dimension"] in DIMENSIONS and c["role"] in ROLES, c
        if (c["dimension"], c["group"]) in groups:
            assert c["sort_order"] == "" and c["colour"] == "", f"{c}: order and colour come from the group"
        else:
            assert int(c["sort_order"]) >= 0 and (c["colour"] in palette or HEX.fullmatch(c["colour"])), c
            assert c["definition"], c
    for label in inputs.read("canonical_labels.csv"):
        assert label["dimension"] in DIMENSIONS and YEAR.fullmatch(label["year"]), label
    for part in inputs.read("cross_parts.csv"):
        assert part["dimension"] in DIMENSIONS, part
    for route in inputs.read("label_routes.csv"):
        assert route["match"] in ("exact", "prefix"), route
        assert route["table"] in ("figures", "other_figures", "excluded"), route
        assert route["value"] in ("", "percent_change", "rate_per_million_in_hint"), route
        assert route["reason"], route
        if route["table"] == "other_figures":
            assert route["topic"] in OTHER_TOPICS and route["measure"], route
        if route["table"] == "figures":
            assert route["measure"] in MEASURES and route["dimension"] in DIMENSIONS, route


def test_the_loader_rejects_a_wrong_header_and_a_repeated_key(inputs: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "cross_parts.csv").write_text("label,dim\nIslamist,ideology\n", encoding="utf-8")
    with pytest.raises(inputs.InputError, match="header"):
        inputs.read("cross_parts.csv", tmp_path)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "cross_parts.csv").write_text("label,dimension\nIslamist,ideology\nIslamist,sector\n", encoding="utf-8")
    with pytest.raises(inputs.InputError, match="repeats line 2"):
        inputs.read("cross_parts.csv", bad)
    short = tmp_path / "short"
    short.mkdir()
    (short / "cross_parts.csv").write_text("label,dimension\nIslamist\n", encoding="utf-8")
    with pytest.raises(inputs.InputError, match="1 cells, expected 2"):
        inputs.read("cross_parts.csv", short)
