"""The referral-level layer the explorer shows: the bundled synthetic demo (or a file named at
start-up), or a file the user uploaded in this session (kept in memory, never written to disk)."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from prevent_explorer.loading.validation import Issue
from prevent_explorer.referrals.own_file import load_own_file
from prevent_explorer.referrals.schema import ReferralLayer
from prevent_explorer.shell.data import database, query

OWN_LAYER = "_own_layer"
OWN_DIGEST = "_own_digest"
OWN_ISSUES = "_own_issues"


def active_layer() -> ReferralLayer | None:
    own = st.session_state.get(OWN_LAYER)
    return own if own is not None else database().referrals


def referral_query(layer: ReferralLayer, name: str, **params: Any) -> pd.DataFrame:
    """Run a referral query on the layer: cached for the shared layer, per call for an upload."""
    if layer.con is None:  # the layer lives in the main database (demo or --referrals file)
        return query(name, **params)
    return layer.query(name, **params)


def accept_upload(upload: Any) -> None:
    """Check an uploaded file and, if it passes, use it for this session."""
    if upload is None:
        return
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    if st.session_state.get(OWN_DIGEST) == digest:
        return  # already checked
    st.session_state[OWN_DIGEST] = digest
    result = load_own_file(data, upload.name)
    if result.layer is None:
        st.session_state[OWN_ISSUES] = result.issues
        return
    drop_upload()
    st.session_state[OWN_DIGEST] = digest
    st.session_state[OWN_LAYER] = result.layer


def drop_upload() -> None:
    """Back to the bundled data: close the uploaded file's in-memory database."""
    layer = st.session_state.pop(OWN_LAYER, None)
    if layer is not None:
        layer.close()
    st.session_state.pop(OWN_ISSUES, None)
    st.session_state.pop(OWN_DIGEST, None)


def uses_upload() -> bool:
    """Whether this session shows a file the user uploaded (rather than the bundled data)."""
    return st.session_state.get(OWN_LAYER) is not None


def upload_issues() -> list[Issue]:
    return st.session_state.get(OWN_ISSUES, [])
