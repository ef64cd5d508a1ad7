"""Random filter combinations on every page (hypothesis driving AppTest): never an exception, and
the invariants of tests/reliability/app_checks.py hold (parts add up to the whole shown, counts
are formatted, the URL reads back as the filters shown).

Deep links: 40 examples per page (200 in all); with --soak 250 per page (1,250). A stateful
variant changes filters, page choices and pages within one session, as a user does.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule, run_state_machine_as_test

from harness.apptest import PAGES, open_app
from prevent_explorer.filters import MULTI_FILTERS, VALUE_MODES, FilterState
from prevent_explorer.shell.sidebar import KEYS, MODE_KEY, YEARS_KEY
from tests.reliability.app_checks import check_page, normalised, shown_state
from tests.reliability.strategies import MULTI_PAGE_CHOICES, deep_links, options, page_choices, subsets

PAGE_NAMES = tuple(PAGES)
QUICK = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
CI_LINKS = settings(max_examples=40, derandomize=True, **QUICK)
SOAK_LINKS = settings(max_examples=250, **QUICK)
CI_SESSIONS = settings(max_examples=6, stateful_step_count=10, derandomize=True, **QUICK)
SOAK_SESSIONS = settings(max_examples=40, stateful_step_count=25, **QUICK)


def run_deep_link(page: str, link: tuple[FilterState, dict[str, list[str]]]) -> None:
    state, params = link
    at = open_app(page, params)
    try:
        check_page(at, page, expect_notice=False)
        assert shown_state(at) == normalised(state), f"the filters shown are not the link's: {shown_state(at)}"
    except AssertionError as err:
        raise AssertionError(f"{page} with {params}: {err}") from None


@pytest.mark.parametrize("page_name", PAGE_NAMES)
@CI_LINKS
@given(data=hs.data())
def test_random_deep_links(page_name: str, data: hs.DataObject) -> None:
    run_deep_link(page_name, data.draw(deep_links(page_name), label="link"))


@pytest.mark.soak
@pytest.mark.parametrize("page_name", PAGE_NAMES)
@SOAK_LINKS
@given(data=hs.data())
def test_random_deep_links_soak(page_name: str, data: hs.DataObject) -> None:
    run_deep_link(page_name, data.draw(deep_links(page_name), label="link"))


# ------------------------------------------------------------------------------------------------
# One session: change the sidebar filters, the page's own choices and the page, in any order
# ------------------------------------------------------------------------------------------------
WIDGET_KINDS = ("selectbox", "multiselect", "button_group")


def widget(at: Any, key: str) -> Any:
    for kind in WIDGET_KINDS:
        for element in at.get(kind):
            if getattr(element, "key", None) == key:
                return element
    return None


class Session(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.page = "overview"
        self.steps: list[str] = []
        self.at = open_app("overview")
        self.check()

    def check(self) -> None:
        try:
            check_page(self.at, self.page, expect_notice=False)
        except AssertionError as err:
            raise AssertionError(f"after {' -> '.join(self.steps) or 'opening'}: {err}") from None

    def run(self, step: str) -> None:
        self.steps.append(step)
        self.at.run()
        self.check()

    @rule(field=hs.sampled_from([f for f, _k, _l, _d in MULTI_FILTERS]), data=hs.data())
    def set_filter(self, field: str, data: hs.DataObject) -> None:
        box = self.at.multiselect(key=KEYS[field])
        if box.disabled:  # a filter the page does not use (greyed out): a user cannot change it
            return
        values = data.draw(subsets(options().options_for(field)), label=field)
        box.set_value(values)
        self.run(f"{field}={values}")

    @rule(data=hs.data())
    def set_years(self, data: hs.DataObject) -> None:
        slider = self.at.select_slider(key=YEARS_KEY)
        if slider.disabled:
            return
        years = options().years
        i = data.draw(hs.integers(0, len(years) - 1), label="from")
        j = data.draw(hs.integers(i, len(years) - 1), label="to")
        slider.set_range(years[i], years[j])
        self.run(f"years={years[i]}..{years[j]}")

    @rule(mode=hs.sampled_from(VALUE_MODES))
    def set_mode(self, mode: str) -> None:
        control = self.at.button_group(key=MODE_KEY)
        if control.disabled:
            return
        control.set_value(mode)
        self.run(f"show={mode}")

    @rule(page=hs.sampled_from(PAGE_NAMES))
    def switch_page(self, page: str) -> None:
        self.page = page
        self.at.switch_page(PAGES[page])
        self.run(f"page={page}")

    @rule()
    def reset(self) -> None:
        self.at.button(key="reset_filters").click()
        self.run("reset")

    @precondition(lambda self: bool(page_choices()[self.page]))
    @rule(data=hs.data())
    def page_choice(self, data: hs.DataObject) -> None:
        name = data.draw(hs.sampled_from(sorted(page_choices()[self.page])), label="choice")
        element = widget(self.at, f"page_{name}")
        if (
            element is None or element.disabled
        ):  # not shown in this state (e.g. the explorer's choices when nothing matches)
            return
        values = page_choices()[self.page][name]
        value: Any = (
            data.draw(subsets(values), label=name)
            if name in MULTI_PAGE_CHOICES
            else data.draw(hs.sampled_from(values), label=name)
        )
        element.set_value(value)
        self.run(f"{name}={value}")


def test_random_sessions() -> None:
    run_state_machine_as_test(Session, settings=CI_SESSIONS)


@pytest.mark.soak
def test_random_sessions_soak() -> None:
    run_state_machine_as_test(Session, settings=SOAK_SESSIONS)
