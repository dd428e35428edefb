"""Reading the reference YAML so that every mapping knows the line it starts on.

Dates are left as strings (the timestamp resolver is removed) so that a bad date is reported by
the validator with its file and line, not as a parser crash; duplicate keys in one mapping, which
PyYAML would silently overwrite, are an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode

from passerelle.core.reference.errors import Problem, ReferenceDataError

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class LineMapping(dict[str, Any]):
    """A YAML mapping that remembers where it starts and where each of its keys is."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line of `key`, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineLoader(yaml.SafeLoader):
    """A SafeLoader whose mappings are `LineMapping`s and whose dates stay strings."""

    yaml_implicit_resolvers = {
        first: [entry for entry in resolvers if entry[0] != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _construct_mapping(loader: LineLoader, node: MappingNode) -> LineMapping:
    loader.flatten_mapping(node)
    mapping = LineMapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise ConstructorError(
                None, None, f"a key must be text, not {key!r}", key_node.start_mark
            )
        if key in mapping:
            raise ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> Any:
    """The document in `path`; a syntax error becomes a `ReferenceDataError` at its line."""
    try:
        with path.open(encoding="utf-8") as stream:
            return yaml.load(stream, Loader=LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 0
        reason = f"YAML syntax error: {error.problem or error.context}"
        if error.context and error.context_mark is not None and error.problem:
            reason += f" ({error.context} opened at line {error.context_mark.line + 1})"
        raise ReferenceDataError([Problem(path, line, reason)]) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ReferenceDataError([Problem(path, 0, f"cannot read: {error}")]) from None
