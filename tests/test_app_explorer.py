"""Referral explorer through AppTest: synthetic data with every filter, and an uploaded file."""

from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow as pa

from harness.apptest import PAGES, all_text, chart_titles, metrics, run_app, table, url

SYNTHETIC_NOTE = (
    "Synthetic demo data: totals match the published figures; combinations are modelled and must not be quoted"
)


def own_csv(rows: list[tuple]) -> bytes:
    df = pd.DataFrame(
        rows, columns=["referral_id", "year", "ideology", "sector", "age_group", "gender", "region", "outcome"]
    )
    buf = io.StringIO()
    df.to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")


def test_synthetic_totals_match_the_published_figures() -> None:
    at = run_app("explorer", {"to": "2018-19", "from": "2018-19"})
    m = metrics(at)
    assert m["Referrals matching"] == "5,737"
    assert m["Discussed at a Channel panel"] == "1,328"
    assert m["Adopted as a Channel case"] == "556"
    assert SYNTHETIC_NOTE in all_text(at)


def test_every_filter_applies() -> None:
    at = run_app(
        "explorer",
        {
            "ideology": "islamist",
            "agency": "education",
            "age": "under-15",
            "gender": "male",
            "region": "north-east",
            "outcome": "discussed-at-channel",
        },
    )
    assert not at.exception
    bd = table(at, "explorer_breakdown")
    assert set(bd["Outcome"]) <= {"Discussed at Channel, not adopted", "Adopted as Channel case"}
    titles = chart_titles(at)
    assert any(
        "Type of concern: Islamist" in t and "Referring sector: Education" in t and "Region: North East" in t
        for t in titles
    )
    assert url(at)["region"] == ["north-east"]


def test_heatmap_counts_add_up_to_the_matching_total() -> None:
    at = run_app("explorer", {"from": "2024-25"})
    heat = table(at, "explorer_heatmap")
    cells = heat[(heat["Type of concern"] != "All") & (heat["Referring sector"] != "All")]
    total = int(cells["Referrals"].sum())
    assert total == 8778
    assert metrics(at)["Referrals matching"] == "8,778"


def test_trend_breakdown_choice_and_percentages() -> None:
    at = run_app("explorer", {"show": "percent", "p_trend_by": "gender"})
    trend = table(at, "explorer_trend")
    assert "Gender" in trend.columns
    assert any("Referrals by year and gender" in t for t in chart_titles(at))
    assert url(at) == {"show": ["percent"], "p_trend_by": ["gender"]}


def test_no_match_says_so() -> None:
    at = run_app("explorer", {"ideology": "incel", "from": "2015-16", "to": "2015-16"})
    assert metrics(at)["Referrals matching"] == "0"
    assert "No referrals match these filters" in all_text(at)


def test_upload_own_file_with_suppression() -> None:
    rows = [
        (f"R{i}", "2023/24", "Islamist", "Education", "11 to 15", "Male", "London", "No further action")
        for i in range(40)
    ]
    rows += [
        (f"S{i}", "2023/24", "Extreme right-wing", "Police", "16 to 17", "Female", "London", "Adopted as Channel case")
        for i in range(3)
    ]
    at = run_app("explorer")
    at.file_uploader(key="own_upload").set_value(("export.csv", own_csv(rows), "text/csv")).run()
    assert not at.exception
    text = all_text(at)
    assert "Your own file 'export.csv' (43 referrals)" in text
    assert SYNTHETIC_NOTE not in text
    m = metrics(at)
    assert m["Referrals matching"] == "43"
    assert m["Adopted as a Channel case"] == "<5"
    heat = table(at, "explorer_heatmap")
    shown = set(heat["Referrals"])
    assert 3 not in shown  # a small count is never shown
    assert "fewer than 5" in set(heat["Status"])
    # switching pages keeps the uploaded file for the session
    at.switch_page(PAGES["overview"]).run()
    at.switch_page(PAGES["explorer"]).run()
    assert metrics(at)["Referrals matching"] == "43"
    at.button(key="drop_upload").click().run()
    assert metrics(at)["Referrals matching"] == "66,904"


def test_bad_upload_lists_the_problems_and_keeps_the_demo() -> None:
    bad = b"referral_id,year,ideology,sector,age_group,gender,region,outcome\nR1,2018-19,Islamic,Education,,,,\nR1,2018/19,Islamist,Education,,,,Maybe\n"
    at = run_app("explorer")
    at.file_uploader(key="own_upload").set_value(("bad.csv", bad, "text/csv")).run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "The file cannot be used" in errors
    assert "did you mean 'Islamist'" in errors.replace("\\", "")
    assert "2018-19" in errors.replace("\\", "")
    assert "appears 2 times" in errors.replace("\\", "")
    assert "The explorer still shows the synthetic demo data." in errors
    assert metrics(at)["Referrals matching"] == "66,904"
    assert SYNTHETIC_NOTE in all_text(at)


def empty_year_labels(at, title_part: str) -> dict[str, str]:
    """The words written in the empty year slots of the chart whose title contains `title_part`."""
    for chart in at.get("vega_lite_chart"):
        title = json.loads(chart.proto.spec).get("title", {})
        text = title.get("text", "") if isinstance(title, dict) else str(title)
        if title_part in (" ".join(text) if isinstance(text, list) else text):
            labels: dict[str, str] = {}
            for dataset in chart.proto.datasets:
                rows = pa.ipc.open_stream(dataset.data.data).read_all()
                if "label" in rows.column_names:
                    labels |= {r["year"]: r["label"] for r in rows.to_pylist()}
            return labels
    raise AssertionError(f"no chart titled {title_part!r}")


def test_a_year_whose_breakdown_was_not_published_says_so() -> None:
    """Islamist referrals of 2021/22 and 2022/23 are not in this dataset (the releases' detailed tables
    hold them): the synthetic rows carry no type of concern those years, so the trend says what the
    gap is there (availability.csv), never 'no matching referrals'."""
    at = run_app("explorer", {"ideology": "islamist"})
    assert empty_year_labels(at, "Referrals by year") == {
        "2021/22": "not in this dataset",
        "2022/23": "not in this dataset",
    }
    # Incel: a category from 2024/25. Years that published every type of concern have none of it.
    labels = empty_year_labels(run_app("explorer", {"ideology": "incel"}), "Referrals by year")
    assert labels["2015/16"] == labels["2019/20"] == "no matching referrals"
    assert labels["2021/22"] == "not in this dataset" and "2024/25" not in labels
