"""The Vietnamese catalogue covers every string of the UI, and is compiled."""
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def test_every_ui_string_has_a_vietnamese_translation():
    catalogue = polib.pofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    assert missing == []


def test_the_compiled_catalogue_matches_the_source():
    source = polib.pofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.po"))
    compiled = polib.mofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.mo"))
    assert {e.msgid: e.msgstr for e in compiled if e.msgid and not e.msgid_plural} == {
        e.msgid: e.msgstr for e in source if e.translated() and not e.msgid_plural and not e.msgctxt}
