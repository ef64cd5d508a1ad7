"""The one object a page reads: its contract, the filter options, the one filter state, its SQL
parameters and the value mode; page-level choices are made through it too.

    ctx = page_context()                      # first line of every page in pages/
    query("breakdown", ..., **ctx.state.span)  # the year range as parameters
    ctx.value                                  # 'count' or 'percent'
    by = ctx.choice("Broken down by", [...], key="by", default="ideology")   # mirrored in the URL as p_by

The session script builds the context once per run, after the sidebar, and runs the page inside
`running(ctx)`. A page's choices are written to the URL with the filters when the run ends.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from prevent_explorer.filters import FilterOptions, FilterState, parse_page_param, slug, years_between
from prevent_explorer.present.filter_notes import chosen_text, not_applied
from prevent_explorer.present.palette import Palette
from prevent_explorer.shell.registry import PageSpec

_CURRENT: ContextVar[PageContext] = ContextVar("prevent_explorer_page_context")


@dataclass(frozen=True)
class ViewFilters:
    applied: tuple[str, ...]  # the shared filters the view applies
    chosen: str  # the groups chosen in those filters, for its title ('' when none)
    notes: list[str]  # one sentence per active filter it leaves out, for its subtitle


@dataclass
class PageContext:
    page: PageSpec
    options: FilterOptions
    state: FilterState
    palette: Palette
    notices: list[str] = field(default_factory=list)  # link settings that could not be used, shown after the page
    page_params: dict[str, str | list[str]] = field(default_factory=dict)  # the page's choices, for the URL
    used: set[str] = field(default_factory=set)  # the shared filters the page's views applied in this run
    _caption: Any = field(default=None, repr=False)  # the slot of the "Filters used here" sentence

    def view(
        self, key: str, applied: Collection[str] | None = None, reasons: Mapping[str, str] | None = None
    ) -> ViewFilters:
        """What view `key` does with the filters in this run: `applied` (by default every filter the
        page contract says it honours; a view may apply fewer, e.g. only its breakdown's) goes into
        its title, and each active filter it leaves out gets a sentence for its subtitle."""
        spec = self.page.view(key)
        applied = spec.honours if applied is None else tuple(f for f in spec.honours if f in applied)
        self.used |= set(applied)
        return ViewFilters(
            applied, chosen_text(self.state, applied), not_applied(self.state, applied, spec.subject, reasons)
        )

    @property
    def params(self) -> dict[str, object]:
        """Every shared filter as bound query parameters (the referral queries take them all)."""
        return self.state.sql_params()

    @property
    def value(self) -> str:
        """The column the views show: 'count' or 'percent'."""
        return self.state.value_column

    @property
    def years(self) -> list[str]:
        """Every year of the series within the chosen range (charts keep a slot for empty years)."""
        return years_between(self.options, self.state)

    def filters_used(self) -> None:
        """A slot for the page's sentence on which shared filters its views used; filled by finish()."""
        self._caption = st.empty()

    def finish(self) -> None:
        """End of the run: the "Filters used here" sentence, now that every view has said what it applied."""
        if self._caption is not None:
            self._caption.caption(self.page.filters_sentence(self.used))

    def choice(
        self,
        label: str,
        options: Sequence[Any],
        *,
        key: str,
        default: Any,
        widget: Callable[..., Any] | None = None,
        multi: bool = False,
        format_func: Callable[[Any], str] | None = None,
        help: str | None = None,
        **widget_kwargs: Any,
    ) -> Any:
        """A page-level choice that persists across page switches and is mirrored in the URL as `p_<key>`.

        `widget` is st.selectbox (default), st.multiselect, st.segmented_control, st.pills or st.radio.
        """
        widget = widget or (st.multiselect if multi else st.selectbox)
        url_key = f"p_{key}"
        state_key = f"page_{key}"
        if state_key not in st.session_state:  # first visit in this session: the link may set it
            value, notices = parse_page_param(st.query_params.get_all(url_key) or None, url_key, options, multi)
            self.notices.extend(notices)
            st.session_state[state_key] = value if value is not None else default
        elif st.session_state[state_key] is None or (not multi and st.session_state[state_key] not in options):
            st.session_state[state_key] = default
        elif multi and any(v not in options for v in st.session_state[state_key]):  # the options narrowed
            st.session_state[state_key] = [v for v in st.session_state[state_key] if v in options]
        kwargs: dict[str, Any] = {"key": state_key, "help": help, "persist_state": "session", **widget_kwargs}
        if format_func is not None:
            kwargs["format_func"] = format_func
        if widget in (st.segmented_control, st.pills):
            if multi:
                kwargs["selection_mode"] = "multi"
            else:
                kwargs.setdefault("required", True)
        value = widget(label, list(options), **kwargs)
        if multi:
            value = list(value or [])
            if value != list(default):
                self.page_params[url_key] = [slug(v) for v in value]
        elif value != default and value is not None:
            self.page_params[url_key] = slug(str(value))
        return value

    @staticmethod
    def choose(**choices: Any) -> Callable[[], None]:
        """A callback (for a button) that sets page-level choices, e.g. choose(measure='adopted_as_channel_case')."""

        def set_choices() -> None:
            for key, value in choices.items():
                st.session_state[f"page_{key}"] = value

        return set_choices


@contextmanager
def running(ctx: PageContext) -> Iterator[PageContext]:
    """Make `ctx` the context of the page run inside this block."""
    token = _CURRENT.set(ctx)
    try:
        yield ctx
    finally:
        _CURRENT.reset(token)


def page_context() -> PageContext:
    """The context of the page being run (pages call this first)."""
    try:
        return _CURRENT.get()
    except LookupError:
        raise RuntimeError(
            "A page of Prevent Explorer was run on its own: start the app with `streamlit run streamlit_app.py`."
        ) from None
