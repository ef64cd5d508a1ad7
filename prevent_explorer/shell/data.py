"""Cached access to the database from Streamlit: one database per process, results cached by parameters."""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from prevent_explorer.database import Database, open_database
from prevent_explorer.filters import FilterOptions
from prevent_explorer.loading.validation import DataValidationError
from prevent_explorer.paths import REFERRALS_FILE_ENV
from prevent_explorer.present.palette import Palette

PROFILE_DIMENSIONS = ("ideology", "sector", "age_group", "gender", "region")


def configured_referrals_file() -> Path | None:
    """A user's own referral-level file, from `streamlit run streamlit_app.py -- --referrals PATH`
    or the environment variable PREVENT_EXPLORER_REFERRALS_FILE."""
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == "--referrals" and i + 1 < len(args):
            return Path(args[i + 1]).expanduser()
        if arg.startswith("--referrals="):
            return Path(arg.split("=", 1)[1]).expanduser()
    env = os.environ.get(REFERRALS_FILE_ENV, "").strip()
    return Path(env).expanduser() if env else None


def open_app_database() -> Database:
    """Load, validate and lock down the app's data (no Streamlit: the warm-up thread calls it too).

    A referral file named at start-up that fails its checks does not stop the app: the published
    pages work on the bundled data and the Referral explorer lists the file's problems."""
    path = configured_referrals_file()
    if path is None:
        return open_database()
    try:
        return open_database(referrals_file=path)
    except DataValidationError as err:
        db = open_database()  # raises if the published data itself is broken
        db.referrals_error = err
        return db


_early: Future[Database] | None = None  # the database opened when the server started (warmup.py)
_early_lock = threading.Lock()


def open_early() -> None:
    """Open the database now, in this (non-script) thread, for the first session to take."""
    global _early
    future: Future[Database] = Future()
    future.set_running_or_notify_cancel()
    with _early_lock:
        _early = future
    try:
        future.set_result(open_app_database())
    except BaseException as err:  # the first session shows a broken file's problems
        future.set_exception(err)


def _take_early() -> Database | None:
    """The database opened when the server started, once (a later cache clear opens it again)."""
    global _early
    with _early_lock:
        future, _early = _early, None
    if future is None:
        return None
    try:
        return future.result()
    except DataValidationError:
        return None


@st.cache_resource(show_spinner="Loading and checking the data…")
def database() -> Database:
    """The process-wide database (loaded, validated and locked down once): the one opened when the
    server started if there is one, else opened now."""
    return _take_early() or open_app_database()


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached(name: str, frozen: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    params = {k: list(v) if isinstance(v, tuple) else v for k, v in frozen}
    return database().query(name, **params)


def query(name: str, **params: Any) -> pd.DataFrame:
    """Run a named query with bound parameters; results are cached per parameter set."""
    frozen = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    return _cached(name, frozen)


@st.cache_data(show_spinner=False)
def filter_options() -> FilterOptions:
    years = tuple(query("years")["year"])
    groups: dict[str, tuple[str, ...]] = {}
    labels: dict[str, dict[str, str]] = {}
    for dim in PROFILE_DIMENSIONS:
        df = query("category_groups", dimension=dim)
        df = df[df["category_group"] != "Base"]
        groups[dim] = tuple(df["category_group"])
        labels[dim] = dict(zip(df["category_group"], df["labels"], strict=True))
    layer = database().referrals
    if layer is not None:
        extra = referral_extra_values()
        for dim, values in extra.items():
            groups[dim] = groups.get(dim, ()) + tuple(v for v in values if v not in groups.get(dim, ()))
    return FilterOptions(years=years, groups=groups, labels=labels)


def referral_extra_values() -> dict[str, tuple[str, ...]]:
    """Values of the referral-level layer that are not published groups (e.g. 'Not published')."""
    df = query("referral_filter_options")
    out: dict[str, tuple[str, ...]] = {}
    for dim in PROFILE_DIMENSIONS:
        if dim in set(df.get("dimension", [])):
            out[dim] = tuple(df.loc[df["dimension"] == dim, "value"])
    return out


@st.cache_data(show_spinner=False)
def palette() -> Palette:
    """The one palette: categories.csv's group colours and the palette module's own."""
    return Palette.from_groups(query("group_colours"))
