"""A small reader of gettext .po catalogs, enough to check Newsroom's own.

Newsroom's catalogs are made by makemessages and edited by translators; the
tests read them with this instead of a third-party library.
"""

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    # One string, or one per plural form ({0: ..., 1: ..., 2: ...}).
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is not None:
            return [self.msgstr_plural[index] for index in sorted(self.msgstr_plural)]
        return [self.msgstr]

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def _unquote(text: str) -> str:
    # A .po string is a C string; its escapes are a subset of Python's.
    return ast.literal_eval(text)


def parse(text: str) -> list[Entry]:
    """Every entry of a catalog, the header (msgid "") included."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int | None] | None = None

    def finish():
        nonlocal entry
        if entry is not None:
            entries.append(entry)
        entry = None

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            finish()
            target = None
            continue
        obsolete = line.startswith("#~") and not line.startswith("#~|")
        if obsolete:
            line = line[2:].strip()
        elif line.startswith("#"):
            if entry is not None and target is not None and target[0] != "comment":
                finish()
            if entry is None:
                entry = Entry()
            target = ("comment", None)
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        if line.startswith('"'):
            if entry is None or target is None:
                raise ValueError(f"continuation line outside an entry: {raw!r}")
            _append(entry, target, _unquote(line))
            continue
        keyword, _, rest = line.partition(" ")
        starts_entry = keyword in {"msgctxt", "msgid"}
        if starts_entry and entry is not None and target is not None and target[0] not in {"comment", "msgctxt"}:
            finish()
        if entry is None:
            entry = Entry()
        entry.obsolete = entry.obsolete or obsolete
        if keyword.startswith("msgstr["):
            target = ("msgstr_plural", int(keyword[7:-1]))
            entry.msgstr_plural[target[1]] = ""
        elif keyword in {"msgid", "msgid_plural", "msgctxt", "msgstr"}:
            target = (keyword, None)
            setattr(entry, keyword, "")
        else:
            raise ValueError(f"unknown line in a catalog: {raw!r}")
        _append(entry, target, _unquote(rest))
    finish()
    return entries


def _append(entry: Entry, target: tuple[str, int | None], text: str) -> None:
    name, index = target
    if name == "msgstr_plural":
        entry.msgstr_plural[index] += text
    elif name != "comment":
        setattr(entry, name, getattr(entry, name) + text)


def read(path: Path) -> list[Entry]:
    return parse(Path(path).read_text(encoding="utf-8"))


def header(entries: list[Entry]) -> dict[str, str]:
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None:
            pairs = (line.partition(":") for line in entry.msgstr.splitlines() if ":" in line)
            return {key.strip(): value.strip() for key, _, value in pairs}
    return {}
