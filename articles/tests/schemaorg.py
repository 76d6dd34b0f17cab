"""Check JSON-LD against the schema.org vocabulary (a vendored subset, see data/)."""

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

VOCABULARY = json.loads((Path(__file__).parent / "data" / "schemaorg-subset.json").read_text())
TYPES, DATATYPES, PROPERTIES = VOCABULARY["types"], VOCABULARY["datatypes"], VOCABULARY["properties"]
ISO_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def ancestors(name: str) -> set[str]:
    """`name` and every type or data type it is a subtype of."""
    found, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo += TYPES.get(current, DATATYPES.get(current, []))
    return found


def problems(node, path: str = "$") -> list[str]:
    """Every way `node` breaks the vocabulary: unknown types, misplaced properties, wrong values."""
    if not isinstance(node, dict):
        return [f"{path}: expected an object"]
    kind = node.get("@type")
    if kind not in TYPES:
        return [f"{path}: unknown @type {kind!r}"]
    found = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        definition = PROPERTIES.get(name)
        if definition is None or not ancestors(kind) & set(definition["domains"]):
            found.append(f"{path}.{name}: not a property of {kind}")
            continue
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            found += _value_problems(item, definition["ranges"], f"{path}.{name}[{index}]")
    return found


def _value_problems(value, ranges: list[str], path: str) -> list[str]:
    if isinstance(value, dict):
        if not ancestors(value.get("@type", "")) & set(ranges):
            return [f"{path}: a {value.get('@type')} is not one of {ranges}"]
        return problems(value, path)
    if isinstance(value, bool):
        return [] if "Boolean" in ranges else [f"{path}: a boolean is not one of {ranges}"]
    if isinstance(value, str):
        return _text_problems(value, ranges, path)
    return [f"{path}: {type(value).__name__} is not one of {ranges}"]


def _text_problems(value: str, ranges: list[str], path: str) -> list[str]:
    if "Text" in ranges:
        return []
    if "URL" in ranges and urlsplit(value).scheme in ("http", "https") and urlsplit(value).netloc:
        return []
    if "DateTime" in ranges and ISO_DATE_TIME.match(value) and dt.datetime.fromisoformat(value).tzinfo:
        return []
    return [f"{path}: {value!r} is not one of {ranges}"]
