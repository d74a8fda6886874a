"""Word boundaries from jieba, loaded lazily and only when a candidate needs them."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

_LOCK = threading.Lock()
_TOKENIZER: list[Any] = []  # the one shared, never-mutated jieba tokenizer (loading costs ~1.5 s)


def _tokenizer() -> Any:
    if not _TOKENIZER:
        with _LOCK:
            if not _TOKENIZER:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                tk = jieba.Tokenizer()
                tk.initialize()
                _TOKENIZER.append(tk)
    return _TOKENIZER[0]


class Segmenter:
    """Token boundaries of a text. The tokenizer is never modified after loading, so
    sharing it between threads and Linter instances is safe."""

    def boundaries(self, text: str) -> frozenset[int]:
        """Offsets where a token starts or ends (HMM off: no surprising merges)."""
        return _boundaries(text)


@lru_cache(maxsize=4096)
def _boundaries(text: str) -> frozenset[int]:
    tk = _tokenizer()
    out = {0, len(text)}
    for _word, start, end in tk.tokenize(text, HMM=False):
        out.add(start)
        out.add(end)
    return frozenset(out)
