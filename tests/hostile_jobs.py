"""Jobs that misbehave on purpose, to test the worker pool's caps (imported by the worker too)."""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HogJob:
    """Allocates until memory runs out (the worker's cap turns this into MemoryError)."""

    def run(self, linters: Any) -> Any:
        hoard = []
        for _ in range(4096):  # up to 256 GB in 64 MB steps: always past any cap
            hoard.append(bytearray(64 * 1024 * 1024))
        return len(hoard)


@dataclass(frozen=True)
class SleepJob:
    """Takes far longer than any time cap in the tests."""

    seconds: float = 600

    def run(self, linters: Any) -> Any:
        time.sleep(self.seconds)
        return "slept"


@dataclass(frozen=True)
class DieJob:
    """Kills its own worker, as a crash in a C extension would."""

    def run(self, linters: Any) -> Any:
        os.kill(os.getpid(), signal.SIGKILL)
        return None


@dataclass(frozen=True)
class PidJob:
    """Answers with the worker's process id."""

    def run(self, linters: Any) -> Any:
        return os.getpid()
