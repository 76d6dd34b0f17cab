"""Every catalog is complete, consistent with its compiled .mo, and up to date with the code."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from newsroom import pofiles
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
        entries = pofiles.read(path)
        header = pofiles.header(entries)
        if header.get("Language") != language:
            problems.append(f"{path}: header says Language {header.get('Language')!r}")
        for entry in entries:
            where = f"{path.relative_to(BASE_DIR)}: {entry.msgid!r}"
            if entry.fuzzy:
                problems.append(f"{where} is fuzzy")
            if entry.obsolete or entry.msgid == "":
                continue
            if not all(entry.translations):
                problems.append(f"{where} is not translated")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder(language):
    problems = []
    for path in po_files(language):
        for entry in pofiles.read(path):
            if entry.obsolete or entry.msgid == "" or not all(entry.translations):
                continue
            expected = placeholders(entry.msgid)
            if entry.msgid_plural is not None:
                # A form may say "one" instead of the count, never invent others.
                expected = sorted(set(expected) | set(placeholders(entry.msgid_plural)))
                for form in entry.translations:
                    if not set(placeholders(form)) <= set(expected):
                        problems.append(f"{entry.msgid!r}: {form!r}")
                continue
            if placeholders(entry.msgstr) != expected:
                problems.append(f"{entry.msgid!r}: {entry.msgstr!r} has {placeholders(entry.msgstr)}")
    assert not problems, "\n".join(problems)


def test_russian_plurals_have_three_forms():
    for path in po_files("ru"):
        entries = pofiles.read(path)
        assert pofiles.header(entries)["Plural-Forms"].startswith("nplurals=3;")
        for entry in entries:
            if entry.msgid_plural is not None and not entry.obsolete:
                assert len(entry.translations) == 3, entry.msgid


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogs_match_their_sources(language):
    """The committed .mo holds exactly what the .po says: run compilemessages after editing."""
    for path in po_files(language):
        with path.with_suffix(".mo").open("rb") as compiled:
            catalog = gettext.GNUTranslations(compiled)._catalog
        expected = {}
        for entry in pofiles.read(path):
            if entry.obsolete or entry.fuzzy or entry.msgid == "":
                continue
            key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
            if entry.msgid_plural is None:
                if entry.msgstr:
                    expected[key] = entry.msgstr
            elif all(entry.translations):
                expected |= {(key, index): form for index, form in enumerate(entry.translations)}
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
        old = {entry.msgid for entry in pofiles.read(before) if not entry.obsolete}
        new = {entry.msgid for entry in pofiles.read(after) if not entry.obsolete}
        assert new - old == set(), f"run makemessages: {before.relative_to(BASE_DIR)} lacks {sorted(new - old)}"
        assert old - new == set(), f"run makemessages: {before.relative_to(BASE_DIR)} has unused {sorted(old - new)}"


def test_the_catalog_reader_understands_contexts_plurals_flags_and_obsolete_entries():
    entries = pofiles.parse(
        "#, fuzzy\n"
        'msgid ""\n'
        'msgstr ""\n'
        '"Language: ru\\n"\n'
        "\n"
        "#: articles/views.py:1\n"
        "#, fuzzy, python-format\n"
        '#| msgid "Old %(count)s"\n'
        'msgctxt "desk"\n'
        'msgid "%(count)s article"\n'
        'msgid_plural "%(count)s articles"\n'
        'msgstr[0] "%(count)s ста"\n'
        '"тья"\n'
        'msgstr[1] ""\n'
        "\n"
        '#~| msgid "older"\n'
        '#~ msgid "gone \\"quoted\\""\n'
        '#~ msgstr "x"\n'
    )
    header, plural, gone = entries
    assert pofiles.header(entries) == {"Language": "ru"} and header.fuzzy
    assert (plural.msgctxt, plural.msgid, plural.msgid_plural) == ("desk", "%(count)s article", "%(count)s articles")
    assert plural.translations == ["%(count)s статья", ""]
    assert plural.flags == {"fuzzy", "python-format"} and not plural.obsolete
    assert gone.obsolete and gone.msgid == 'gone "quoted"'
