"""What every output format is: a name, the modes it serves, and one renderer over a run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gofix_bind.model import Mode, Run
from gofix_bind.report import Summary
from gofix_bind.settings import FixPolicy, Settings


@dataclass(frozen=True)
class Context:
    """What a renderer may read besides the run itself."""

    summary: Summary
    settings: Settings
    color: bool

    @property
    def policy(self) -> FixPolicy:
        """Return the run's fix policy: which fixes it applies, with which addresses."""
        return self.settings.policy


@dataclass(frozen=True)
class Format:
    """One output format: its --format name, the modes it serves, and its renderer."""

    name: str
    modes: frozenset[Mode]
    render: Callable[[Run, Context], bytes]
    # False for a mode's own output that --format never names (the patch --diff prints).
    selectable: bool = True
