"""Every catalog is complete, consistent with its compiled .mo, and up to date with the code."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from newsroom.tests.servers import need

BASE_DIR = Path(settings.BASE_DIR)
SKIP_DIRS = {".venv", "node_modules", "staticfiles", ".git"}
TRANSLATED = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# %(name)s and %(name)d, %s and {name}: what must survive translation (a
# literal %% may move, as in "81,31 %").
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")


def catalogs() -> list[Path]:
    """Every Newsroom locale folder: the project's and each app's."""
    found = []
    for locale in BASE_DIR.rglob("locale"):
        parts = set(locale.relative_to(BASE_DIR).parts)
        if locale.is_dir() and not parts & SKIP_DIRS:
            found.append(locale)
    return sorted(found)


def po_files(language: str) -> list[Path]:
    return [locale / language / "LC_MESSAGES" / "django.po" for locale in catalogs()]


def read(path: Path) -> polib.POFile:
    return polib.pofile(str(path))


def translations(entry: polib.POEntry) -> list[str]:
    """The one translation, or each plural form's in order."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_the_project_and_the_elections_app_have_catalogs():
    assert {path.relative_to(BASE_DIR).as_posix() for path in catalogs()} >= {"locale", "elections/locale"}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalog_exists_for_every_language(language):
    for path in po_files(language):
        assert path.is_file(), f"{path} is missing: run makemessages -l {language}"
        assert path.with_suffix(".mo").is_file(), f"{path.with_suffix('.mo')} is missing: run compilemessages"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    problems = []
    for path in po_files(language):
        catalog = read(path)
        if catalog.metadata.get("Language") != language:
            problems.append(f"{path}: header says Language {catalog.metadata.get('Language')!r}")
        for entry in catalog:
            where = f"{path.relative_to(BASE_DIR)}: {entry.msgid!r}"
            if entry.fuzzy:
                problems.append(f"{where} is fuzzy")
            if entry.obsolete or entry.msgid == "":
                continue
            if not all(translations(entry)):
                problems.append(f"{where} is not translated")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder(language):
    problems = []
    for path in po_files(language):
        for entry in read(path):
            if entry.obsolete or entry.msgid == "" or not all(translations(entry)):
                continue
            expected = placeholders(entry.msgid)
            if entry.msgid_plural:
                # A form may say "one" instead of the count, never invent others.
                expected = sorted(set(expected) | set(placeholders(entry.msgid_plural)))
                for form in translations(entry):
                    if not set(placeholders(form)) <= set(expected):
                        problems.append(f"{entry.msgid!r}: {form!r}")
                continue
            if placeholders(entry.msgstr) != expected:
                problems.append(f"{entry.msgid!r}: {entry.msgstr!r} has {placeholders(entry.msgstr)}")
    assert not problems, "\n".join(problems)


def test_russian_plurals_have_three_forms():
    for path in po_files("ru"):
        catalog = read(path)
        assert catalog.metadata["Plural-Forms"].startswith("nplurals=3;")
        for entry in catalog:
            if entry.msgid_plural and not entry.obsolete:
                assert len(translations(entry)) == 3, entry.msgid


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogs_match_their_sources(language):
    """The committed .mo holds exactly what the .po says: run compilemessages after editing."""
    for path in po_files(language):
        with path.with_suffix(".mo").open("rb") as compiled:
            catalog = gettext.GNUTranslations(compiled)._catalog
        expected = {}
        for entry in read(path):
            if entry.obsolete or entry.fuzzy or entry.msgid == "":
                continue
            key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
            if not entry.msgid_plural:
                if entry.msgstr:
                    expected[key] = entry.msgstr
            elif all(translations(entry)):
                expected |= {(key, index): form for index, form in enumerate(translations(entry))}
        compiled_messages = {key: value for key, value in catalog.items() if key != ""}
        assert compiled_messages == expected, f"{path.with_suffix('.mo')} is stale: run compilemessages"


@pytest.mark.slow
def test_makemessages_would_add_no_new_message(tmp_path):
    """Every translatable string in the code is already in the catalogs."""
    # Skipped on a laptop without gettext; CI installs it, and fails without it.
    gettext_tools = all(shutil.which(tool) for tool in ("xgettext", "msgmerge", "msguniq"))
    need(gettext_tools, "GNU gettext (apt-get install gettext)")
    # A copy of the code, so the real catalogs stay as they are.
    copy = tmp_path / "newsroom"
    shutil.copytree(
        BASE_DIR,
        copy,
        symlinks=True,
        ignore=shutil.ignore_patterns(*SKIP_DIRS, "media", "__pycache__", "*.sqlite3*", "test-results"),
    )
    (copy / ".venv").symlink_to(BASE_DIR / ".venv")
    command = [sys.executable, "manage.py", "makemessages", "-l", "ru", "--ignore=.venv", "--ignore=staticfiles"]
    environment = {"DJANGO_DEBUG": "1", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    subprocess.run(command, cwd=copy, check=True, capture_output=True, env=environment)  # noqa: S603 - our own interpreter and manage.py
    for before in po_files("ru"):
        after = copy / before.relative_to(BASE_DIR)
        old = {entry.msgid for entry in read(before) if not entry.obsolete}
        new = {entry.msgid for entry in read(after) if not entry.obsolete}
        assert new - old == set(), f"run makemessages: {before.relative_to(BASE_DIR)} lacks {sorted(new - old)}"
        assert old - new == set(), f"run makemessages: {before.relative_to(BASE_DIR)} has unused {sorted(old - new)}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_gettext_accepts_every_catalog(language):
    """msgfmt --check: the syntax, the header, the plural forms and each python-format string."""
    msgfmt = shutil.which("msgfmt")
    need(msgfmt is not None, "GNU gettext (apt-get install gettext)")
    for path in po_files(language):
        result = subprocess.run(  # noqa: S603 - gettext's own checker on our own file
            [msgfmt, "--check", "--output-file=/dev/null", str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, f"{path.relative_to(BASE_DIR)}: {result.stderr}"
