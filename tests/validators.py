"""The npm validators the format tests run: Microsoft's SARIF Multitool and rdformat-validator.

They are installed with `npm install --prefix DIR` (`.ci/run` does it), DIR being
$GOFIX_BIND_NODE_PREFIX or, by default, `.ci/node/` in the repository (git ignores it). A test
that needs one is skipped when it is missing, except where CI=true: there it fails, so that
CI can never pass by skipping the validators.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE_PREFIX = Path(os.environ.get("GOFIX_BIND_NODE_PREFIX") or ROOT / ".ci" / "node")
MODULES = NODE_PREFIX / "node_modules"
IN_CI = os.environ.get("CI") == "true"


def _missing(what: str) -> NoReturn:
    hint = f"install it with .ci/run, or npm install --prefix {NODE_PREFIX}"
    if IN_CI:
        pytest.fail(f"{what} is required in CI (CI=true) but not found; {hint}")
    pytest.skip(f"{what} is not installed ({hint})")


def sarif_multitool() -> Path:
    """Return the SARIF Multitool's native binary for this platform (no node wrapper)."""
    system = {"linux": "linux", "darwin": "darwin", "win32": "win32"}.get(sys.platform, "")
    name = "Sarif.Multitool.exe" if system == "win32" else "Sarif.Multitool"
    binary = MODULES / "@microsoft" / f"sarif-multitool-{system}" / name
    if not binary.is_file() or not os.access(binary, os.X_OK):
        _missing(f"the SARIF Multitool ({binary.relative_to(MODULES)}, {platform.machine()})")
    return binary


def sarif_multitool_env() -> dict[str, str]:
    """Return the environment to run the Multitool in: no ICU library needed."""
    # .NET looks for libicu at start-up; validating SARIF needs no culture data.
    return {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"}


def rdformat_validator() -> list[str]:
    """Return the command line that runs @umbrelladocs/rdformat-validator."""
    node = shutil.which("node") or shutil.which("nodejs")
    script = MODULES / "@umbrelladocs" / "rdformat-validator" / "bin" / "rdformat-validator.js"
    if node is None:
        _missing("node")
    if not script.is_file():
        _missing(f"rdformat-validator ({script.relative_to(MODULES)})")
    return [node, str(script)]
