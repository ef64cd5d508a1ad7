"""The committed published files are exactly what tools/curate/build.py makes from the reference material."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from prevent_explorer.paths import REPO_ROOT


def test_curation_rebuilds_the_committed_files(tmp_path: Path) -> None:
    out = tmp_path / "published"
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "tools" / "curate" / "build.py"), "--out", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    committed = REPO_ROOT / "data" / "published"
    built = sorted(p.name for p in out.glob("*.csv"))
    assert built == sorted(p.name for p in committed.glob("*.csv"))
    for name in built:
        assert (out / name).read_bytes() == (committed / name).read_bytes(), f"{name} differs from the curation output"
