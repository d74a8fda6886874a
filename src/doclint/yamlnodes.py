"""Map a pydantic error location to the line of a YAML file it came from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml


def node_at(node: yaml.Node | None, loc: Iterable[Any]) -> yaml.Node | None:
    """Follow a location (keys and indices) through the YAML node tree, as far as it goes."""
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                    nxt = v
                    break
            if nxt is None:
                return node
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return node
    return node


def line_col(node: yaml.Node | None) -> tuple[int | None, int | None]:
    """1-based line and column of a node."""
    if node is None:
        return None, None
    return node.start_mark.line + 1, node.start_mark.column + 1
