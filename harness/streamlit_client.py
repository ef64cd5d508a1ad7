"""A browserless Streamlit client: one app session over Streamlit's own websocket protocol.

    session = StreamlitSession("http://127.0.0.1:8501", path="/explorer", query="ideology=islamist")
    result = await session.open()                       # the first run, as a browser's first rerun_script
    result = await session.set_widget("f_ideologies", ["Islamist", "Extreme right-wing"])
    result = await session.click("reset_filters")
    result = await session.switch_page("published")
    await session.close()

It speaks what Streamlit's frontend speaks, with the protobuf messages that ship in the `streamlit`
package (`streamlit.proto`; nothing from `streamlit.runtime`). Streamlit documents no Python API
for its wire protocol, so this module (tests and benchmarks only; the app never imports it) is the
project's one use of those generated message classes, kept to the four messages below. It opens `/_stcore/stream`, sends
`BackMsg.rerun_script` (a `ClientState`: query string, page, widget states, the hashes of the
messages it has cached, the browser context) and reads `ForwardMsg`s until the run's
`script_finished`. Each run's result (`RunResult`) is timed from the message sent to the
`script_finished` received; a status other than FINISHED_SUCCESSFULLY, an exception (an
`st.exception` element or a script compilation error), a page not found, a disconnect or a timeout
is an error.

What it does like a browser:

- Widgets. Every widget element carries its id (`$$ID-<hash>-<user key>`); widgets are found by
  their user key. Like the frontend's widget manager it keeps a value for every widget on screen
  (taken from the element: the value the server set, or the widget's default) and sends them all
  with each rerun; the value the user changed replaces it, and a value the server sets later (e.g.
  a "Reset" callback) replaces that. A button click is a trigger sent with one rerun only. After a
  page switch it sends only the widgets drawn by the main script (the sidebar), as the frontend does.
- Pages. The first rerun carries the URL path as `page_name` (st.navigation resolves it); later
  reruns carry the current page's script hash (from the `navigation` message), and a page switch
  the target page's hash. The query string follows `page_info_changed` (the app's `st.query_params`).
- The ForwardMsg cache. Large elements are sent once and then referred to by `ref_hash` when the
  client says it has them: the client caches `cacheable` messages, declares their hashes in each
  rerun and ages them out after `max_cached_message_age` runs (as the frontend does); with
  `cache=False` it declares none, so the server never sends a reference. A reference to a message
  it does not have is an error.
- What it does not do: fetch the HTML and the frontend's static files, media files (`/media/...`),
  deferred downloads (`backend_operation_request`), file upload URLs (`file_urls_request`) or
  lazy dataframe chunks. None of them runs the script; the app's reruns do not wait for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

STREAM_PATH = "/_stcore/stream"
STATUS_NAMES = {v: k for k, v in ForwardMsg.ScriptFinishedStatus.items()}
MAIN, SIDEBAR = 0, 1  # the first number of a delta path: the root container
# Widgets whose value the client keeps and sends (buttons are triggers, sent only when clicked).
VALUED = ("multiselect", "slider", "button_group", "selectbox", "radio", "checkbox")
TRIGGERS = ("button", "download_button")


class ProtocolError(RuntimeError):
    """The client cannot do what was asked (no such widget or page, the session is closed)."""


@dataclass
class Widget:
    """A widget element of the last run."""

    id: str
    kind: str  # the Element field: multiselect, slider, button_group, selectbox, button, ...
    proto: Any  # the element's message (e.g. MultiSelect)
    script_hash: str  # the script that drew it: the main script (session) or the page
    in_sidebar: bool

    @property
    def key(self) -> str | None:
        """The user key embedded in the id (`$$ID-<hash>-<key>`); None for a widget without a key."""
        key = self.id.split("-", 2)[-1]
        return None if key == "None" else key

    @property
    def disabled(self) -> bool:
        return bool(getattr(self.proto, "disabled", False))

    @property
    def options(self) -> list[str]:
        """The labels a user chooses from (empty for a widget without options)."""
        if self.kind == "button_group":
            return [o.content for o in self.proto.options]
        if "options" in self.proto.DESCRIPTOR.fields_by_name:
            return list(self.proto.options)
        return []

    @property
    def multi(self) -> bool:
        if self.kind == "multiselect":
            return True
        if self.kind == "button_group":
            return self.proto.click_mode == type(self.proto).MULTI_SELECT
        return False


@dataclass
class RunResult:
    """One script run asked for by the client: seconds from the BackMsg sent to script_finished."""

    action: str
    seconds: float
    errors: list[str] = field(default_factory=list)
    messages: int = 0  # ForwardMsgs received during the run
    bytes: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def state_from_element(widget: Widget) -> WidgetState | None:
    """The widget's value as the frontend would take it from the element: the value the server
    set (`set_value`), else the default. None when the client does not model the widget."""
    p, kind = widget.proto, widget.kind
    if kind == "multiselect":
        values = list(p.raw_values) if p.set_value else [p.options[i] for i in p.default]
    elif kind == "button_group":
        values = list(p.raw_values) if p.set_value else [p.options[i].content for i in p.default]
    elif kind == "slider":
        if p.type != type(p).SELECT_SLIDER:
            state = WidgetState(id=widget.id)
            state.double_array_value.data.extend(list(p.value) if p.set_value else list(p.default))
            return state
        values = list(p.raw_value) if p.set_value else [p.options[int(i)] for i in p.default]
    elif kind in ("selectbox", "radio"):
        if p.set_value:
            if not p.HasField("raw_value"):
                return None
            text = p.raw_value
        elif p.HasField("default") and 0 <= p.default < len(p.options):
            text = p.options[p.default]
        else:
            return None
        return WidgetState(id=widget.id, string_value=text)
    elif kind == "checkbox":
        return WidgetState(id=widget.id, bool_value=p.value if p.set_value else p.default)
    else:
        return None
    state = WidgetState(id=widget.id)
    state.string_array_value.data.extend(values)
    return state


def state_for_choice(widget: Widget, value: Any) -> WidgetState:
    """The WidgetState a user's choice sends: labels as shown (a list for a multiselect, pills or
    segmented control in multi mode; a (from, to) pair for a range select_slider; one label for a
    selectbox, radio or single-choice segmented control; a bool for a checkbox)."""
    state = WidgetState(id=widget.id)
    kind = widget.kind
    if kind == "checkbox":
        state.bool_value = bool(value)
    elif kind in ("selectbox", "radio"):
        state.string_value = str(value)
    elif kind in ("multiselect", "button_group", "slider"):
        values = [value] if isinstance(value, str) else list(value)
        unknown = [v for v in values if v not in widget.options]
        if unknown:
            raise ProtocolError(f"{widget.key}: not an option: {unknown}")
        state.string_array_value.data.extend(values)
    else:
        raise ProtocolError(f"{widget.key}: the client cannot set a {kind}")
    return state


def current_value(state: WidgetState | None) -> Any:
    """The value held in a WidgetState (labels for the select widgets)."""
    if state is None:
        return None
    kind = state.WhichOneof("value")
    if kind in ("string_array_value", "double_array_value", "int_array_value"):
        return list(getattr(state, kind).data)
    return getattr(state, kind) if kind else None


class StreamlitSession:
    """One browser-less session of a Streamlit app (see the module docstring)."""

    def __init__(
        self,
        base_url: str,
        path: str = "/",
        query: str = "",
        *,
        cache: bool = True,
        timeout: float = 60.0,
        locale: str = "en-GB",
        timezone: str = "Europe/London",
    ) -> None:
        parts = urlsplit(base_url)
        self.base_url = base_url.rstrip("/")
        self.ws_url = (
            f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}{parts.path.rstrip('/')}{STREAM_PATH}"
        )
        self.path = "/" + path.strip("/")
        self.query_string = query.lstrip("?")
        self.cache_enabled = cache
        self.timeout = timeout
        self.locale, self.timezone = locale, timezone
        self.errors: list[str] = []  # every error seen, also those outside a timed run
        self.widgets: dict[str, Widget] = {}  # user key -> widget, as drawn by the last finished run
        self.pages: dict[str, str] = {}  # URL path ('' for the default page) -> page script hash
        self.page_titles: dict[str, str] = {}
        self.page = ""  # URL path of the current page
        self.messages_received = 0
        self.bytes_received = 0
        self.refs_resolved = 0  # ref_hash messages answered from the client's cache
        self._ws: Any = None
        self._reader_task: asyncio.Task[None] | None = None
        self._values: dict[str, WidgetState] = {}  # widget id -> value (the frontend's widget manager)
        self._run_widgets: dict[str, Widget] = {}  # widgets seen in the run under way, by id
        self._page_hash = ""
        self._main_hash = ""
        self._cache: dict[str, tuple[ForwardMsg, int]] = {}  # hash -> (message, run it was last used in)
        self._max_age = 2
        self._runs = 0  # finished runs (the cache's clock)
        self._pending: asyncio.Future[tuple[float, int]] | None = None
        self._run_errors: list[str] = []
        self._run_messages = 0
        self._run_bytes = 0
        self._run_started = False
        self.closed = False

    # --- public API ----------------------------------------------------------------------------------

    async def open(self) -> RunResult:
        """Connect and run the app for the session's URL, as a browser's first rerun_script does."""
        t = time.perf_counter()
        try:
            self._ws = await asyncio.wait_for(
                websockets.connect(
                    self.ws_url,
                    subprotocols=[websockets.Subprotocol("streamlit")],
                    max_size=None,
                    open_timeout=self.timeout,
                    user_agent_header="prevent-explorer-loadclient",
                ),
                timeout=self.timeout,
            )
        except (OSError, TimeoutError, websockets.WebSocketException) as err:
            self.closed = True
            result = RunResult("open", time.perf_counter() - t, [f"could not connect: {type(err).__name__}: {err}"])
            self.errors.extend(result.errors)
            return result
        self._reader_task = asyncio.create_task(self._reader(), name=f"streamlit-client {self.path}")
        return await self._rerun("open", page_name=self.path.strip("/"), widgets=[])

    async def set_widget(self, key: str, value: Any) -> RunResult:
        """Change a widget as a user would (see state_for_choice for the value) and rerun."""
        widget = self.widget(key)
        if widget.disabled:
            raise ProtocolError(f"{key} is disabled on this page")
        self._values[widget.id] = state_for_choice(widget, value)
        return await self._rerun(f"set {key}")

    async def click(self, key: str) -> RunResult:
        """Click a button (a trigger sent with this rerun only)."""
        widget = self.widget(key)
        if widget.kind not in TRIGGERS:
            raise ProtocolError(f"{key} is a {widget.kind}, not a button")
        return await self._rerun(f"click {key}", triggers=[WidgetState(id=widget.id, trigger_value=True)])

    async def switch_page(self, url_path: str) -> RunResult:
        """Open another page through the navigation (its script hash), keeping the sidebar's widgets."""
        url_path = url_path.strip("/")
        if url_path not in self.pages:
            raise ProtocolError(f"no page {url_path!r}; pages: {sorted(self.pages)}")
        keep = [s for wid, s in self._values.items() if self._is_main_script_widget(wid)]
        return await self._rerun(f"page {url_path or '/'}", page_hash=self.pages[url_path], widgets=keep)

    def widget(self, key: str) -> Widget:
        try:
            return self.widgets[key]
        except KeyError:
            raise ProtocolError(f"no widget with key {key!r} on {self.page or '/'}") from None

    def value(self, key: str) -> Any:
        """The widget's current value as the client holds it (labels for the select widgets)."""
        return current_value(self._values.get(self.widget(key).id))

    async def close(self) -> None:
        self.closed = True
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._ws.close(), timeout=5)
        if self._reader_task is not None:
            self._reader_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader_task

    # --- sending -------------------------------------------------------------------------------------

    def _is_main_script_widget(self, widget_id: str) -> bool:
        return any(w.id == widget_id and w.script_hash == self._main_hash for w in self.widgets.values())

    def _context(self) -> ContextInfo:
        return ContextInfo(
            timezone=self.timezone,
            timezone_offset=0,
            locale=self.locale,
            url=f"{self.base_url}/{self.page}" + (f"?{self.query_string}" if self.query_string else ""),
            is_embedded=False,
            color_scheme="light",
        )

    async def _rerun(
        self,
        action: str,
        *,
        page_name: str = "",
        page_hash: str | None = None,
        widgets: list[WidgetState] | None = None,
        triggers: Sequence[WidgetState] = (),
    ) -> RunResult:
        if self.closed or self._ws is None:
            raise ProtocolError("the session is closed")
        if self._pending is not None:
            raise ProtocolError("a run is already under way")
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query_string
        rerun.page_name = page_name
        rerun.page_script_hash = self._page_hash if page_hash is None else page_hash
        states = list(self._values.values()) if widgets is None else widgets
        rerun.widget_states.widgets.extend([*states, *triggers])
        rerun.cached_message_hashes.extend(self._cache)
        rerun.context_info.CopyFrom(self._context())
        loop = asyncio.get_running_loop()
        self._pending = loop.create_future()
        self._run_errors, self._run_messages, self._run_bytes, self._run_started = [], 0, 0, False
        t = time.perf_counter()
        try:
            await self._ws.send(msg.SerializeToString())
            finished, status = await asyncio.wait_for(asyncio.shield(self._pending), timeout=self.timeout)
            seconds = finished - t
            if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                self._run_errors.append(f"script finished with {STATUS_NAMES.get(status, status)}")
        except TimeoutError:
            seconds = time.perf_counter() - t
            self._run_errors.append(f"no script_finished within {self.timeout:g} s")
        except (ConnectionError, websockets.ConnectionClosed) as err:
            seconds = time.perf_counter() - t
            self._run_errors.append(f"disconnected: {type(err).__name__}: {err}")
        finally:
            self._pending = None
        errors = list(dict.fromkeys(self._run_errors))
        self.errors.extend(errors)
        return RunResult(action, seconds, errors, self._run_messages, self._run_bytes)

    # --- receiving -----------------------------------------------------------------------------------

    def _error(self, text: str) -> None:
        if self._pending is not None:
            self._run_errors.append(text)
        else:
            self.errors.append(f"outside a run: {text}")

    async def _reader(self) -> None:
        try:
            async for data in self._ws:
                received = time.perf_counter()
                self.messages_received += 1
                self.bytes_received += len(data)
                self._run_messages += 1
                self._run_bytes += len(data)
                if isinstance(data, str):
                    self._error("a text frame (the protocol is binary protobuf)")
                    continue
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self._handle(msg, received)
        except websockets.ConnectionClosed as err:
            if not self.closed:
                self._error(f"disconnected: {err}")
        except Exception as err:  # a bug in the client must not hang the run
            self._error(f"client error: {type(err).__name__}: {err}")
        finally:
            self.closed = True
            if self._pending is not None and not self._pending.done():
                self._pending.set_exception(ConnectionError("the websocket closed"))

    def _resolve(self, msg: ForwardMsg) -> ForwardMsg | None:
        """The message itself, or the cached message a ref_hash refers to (with the ref's metadata)."""
        if msg.WhichOneof("type") == "ref_hash":
            cached = self._cache.get(msg.ref_hash)
            if cached is None:
                self._error(f"ref_hash {msg.ref_hash} refers to a message the client does not have")
                return None
            full = ForwardMsg()
            full.CopyFrom(cached[0])
            full.metadata.CopyFrom(msg.metadata)
            self._cache[msg.ref_hash] = (cached[0], self._runs)
            self.refs_resolved += 1
            return full
        if self.cache_enabled and msg.metadata.cacheable and msg.hash:
            self._cache[msg.hash] = (msg, self._runs)
        return msg

    def _handle(self, msg: ForwardMsg, received: float) -> None:
        resolved = self._resolve(msg)
        if resolved is None:
            return
        msg = resolved
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            session = msg.new_session
            self._main_hash = session.main_script_hash
            if session.config.max_cached_message_age:
                self._max_age = session.config.max_cached_message_age
            self._run_widgets = {}
            self._run_started = True
        elif kind == "delta":
            if msg.delta.WhichOneof("type") == "new_element":
                self._element(msg)
        elif kind == "navigation":
            nav = msg.navigation
            self.pages = {p.url_pathname: p.page_script_hash for p in nav.app_pages}
            self.page_titles = {p.url_pathname: p.page_name for p in nav.app_pages}
            self._page_hash = nav.page_script_hash
            self.page = next((p.url_pathname for p in nav.app_pages if p.page_script_hash == self._page_hash), "")
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            self._error(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "session_event":
            event = msg.session_event
            if event.HasField("script_compilation_exception"):
                self._error(f"script compilation error: {event.script_compilation_exception.message}")
        elif kind == "script_finished":
            self._finished(msg.script_finished, received)
        # page_config_changed, session_status_changed, page_profile, git_info_changed, logo,
        # parent_message, auth_redirect, auto_rerun, heartbeat_ack and the responses to requests
        # this client never makes change nothing it tracks.

    def _element(self, msg: ForwardMsg) -> None:
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            exc = element.exception
            self._error(f"exception shown: {exc.type}: {exc.message[:200]}")
            return
        if kind is None:
            return
        proto = getattr(element, kind)
        if "id" not in proto.DESCRIPTOR.fields_by_name or not proto.id:
            return
        path = list(msg.metadata.delta_path)
        widget = Widget(proto.id, kind, proto, msg.metadata.active_script_hash, bool(path) and path[0] == SIDEBAR)
        self._run_widgets[widget.id] = widget
        if kind in VALUED and (widget.id not in self._values or getattr(proto, "set_value", False)):
            state = state_from_element(widget)
            if state is not None:
                self._values[widget.id] = state

    def _finished(self, status: int, received: float) -> None:
        if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
            # the widgets on screen are those of this run; the others' values are dropped
            self.widgets = {w.key or w.id: w for w in self._run_widgets.values()}
            self._values = {wid: s for wid, s in self._values.items() if wid in self._run_widgets}
            self._runs += 1
            oldest = self._runs - self._max_age
            self._cache = {h: (m, used) for h, (m, used) in self._cache.items() if used >= oldest}
        if self._pending is not None and not self._pending.done():
            if not self._run_started:
                self._error("script_finished before the run's new_session")
            self._pending.set_result((received, status))
