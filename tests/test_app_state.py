"""Shared filters: they persist across pages, the URL follows them, and Reset returns to defaults."""

from __future__ import annotations

from harness.apptest import PAGES, run_app, url


def test_filters_survive_a_page_switch() -> None:
    at = run_app()
    at.sidebar.multiselect(key="f_ideologies").set_value(["Islamist"]).run()
    at.sidebar.select_slider(key="f_years").set_range("2018/19", "2024/25").run()
    at.switch_page(PAGES["published"]).run()
    assert not at.exception
    assert at.sidebar.multiselect(key="f_ideologies").value == ["Islamist"]
    assert url(at) == {"from": ["2018-19"], "ideology": ["islamist"]}
    at.switch_page(PAGES["recommendations"]).run()
    assert at.sidebar.multiselect(key="f_ideologies").value == ["Islamist"]  # kept, although not used there


def test_page_choice_survives_a_round_trip_through_another_page() -> None:
    at = run_app("published")
    at.selectbox(key="page_by").set_value("gender").run()
    at.switch_page(PAGES["overview"]).run()
    at.switch_page(PAGES["published"]).run()
    assert at.selectbox(key="page_by").value == "gender"
    assert url(at) == {"p_by": ["gender"]}


def test_reset_filters_returns_to_defaults() -> None:
    at = run_app(params={"ideology": "islamist", "from": "2019-20", "show": "percent"})
    assert url(at) == {"ideology": ["islamist"], "from": ["2019-20"], "show": ["percent"]}
    at.sidebar.button(key="reset_filters").click().run()
    assert url(at) == {}
    assert at.sidebar.multiselect(key="f_ideologies").value == []
    assert at.sidebar.select_slider(key="f_years").value == ("2015/16", "2024/25")


def test_filters_not_used_on_a_page_are_disabled() -> None:
    at = run_app("recommendations")
    assert at.sidebar.multiselect(key="f_regions").disabled
    at2 = run_app("overview")
    assert not at2.sidebar.multiselect(key="f_ideologies").disabled
    assert at2.sidebar.multiselect(key="f_regions").disabled


def test_explorer_deep_link_with_filters() -> None:
    at = run_app("explorer", {"region": "london"})
    assert at.title[0].value == "Referral explorer"
    assert url(at) == {"region": ["london"]}


def test_published_greys_out_all_but_the_filter_of_its_breakdown() -> None:
    at = run_app("published", {"agency": "police"})
    assert at.sidebar.multiselect(key="f_agencies").disabled  # broken down by type of concern: not applied
    assert not at.sidebar.multiselect(key="f_ideologies").disabled
    assert "not used:** outcome, referring sector" in " ".join(c.value for c in at.caption)
    at.selectbox(key="page_by").set_value("sector").run()
    assert not at.sidebar.multiselect(key="f_agencies").disabled
    assert at.sidebar.multiselect(key="f_ideologies").disabled
    assert url(at) == {"agency": ["police"], "p_by": ["sector"]}


def test_every_page_file_is_registered_once() -> None:
    from prevent_explorer.shell.registry import PAGES, PAGES_DIR

    files = {p.stem for p in PAGES_DIR.glob("*.py") if not p.name.startswith("_")}
    assert files == {spec.key for spec in PAGES}
    assert len({spec.key for spec in PAGES}) == len(PAGES)
    for spec in PAGES:
        source = spec.script.read_text(encoding="utf-8")
        assert "ctx = page_context()" in source, f"{spec.key}: a page reads its one context first"
        assert "st.session_state" not in source, f"{spec.key}: a page reads the state through its context"
