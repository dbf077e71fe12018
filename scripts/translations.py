"""Keep the translation catalogues in step with the code: extract, update, compile, check.

    python scripts/translations.py update   # extract the strings, merge them into each .po
    python scripts/translations.py compile  # each .po -> the .mo the app reads
    python scripts/translations.py check    # what is new or gone since the catalogue (exit 1)
    python scripts/translations.py new LANG # start a catalogue for another language

Re-run ``update`` whenever strings change (anyone's: the catalogue is built from all of
``src/supple``), translate what is new in ``src/supple/locale/LANG/LC_MESSAGES/supple.po``
and run ``compile``. Strings are marked in the code with ``_()``, ``ngettext()`` and
``N_()`` from ``supple.core.i18n``. Needs Babel (the ``test`` extra).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "supple"
LOCALE = SOURCE / "locale"
TEMPLATE = LOCALE / "supple.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
METHODS = [("**.py", "python")]


def extract() -> Catalog:
    """Every marked string in ``src/supple``, with where it is used."""
    catalog = Catalog(project="Supple", msgid_bugs_address="", charset="utf-8")
    for filename, line, message, comments, context in extract_from_dir(
        str(SOURCE), METHODS, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        path = (SOURCE / filename).relative_to(ROOT).as_posix()
        catalog.add(message, None, [(path, line)], auto_comments=comments, context=context)
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def catalogues() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/supple.po"))


def read(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source)


def update() -> None:
    template = extract()
    _write(template, TEMPLATE)
    for path in catalogues():
        catalog = read(path)
        catalog.update(template, no_fuzzy_matching=True)
        _write(catalog, path)
        print(f"{path.relative_to(ROOT)}: {len(untranslated(catalog))} to translate")


def untranslated(catalog: Catalog) -> list[str]:
    """The ids still without a translation (or only a fuzzy guess)."""
    missing = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and (message.fuzzy or not all(strings)):
            missing.append(str(message.id))
    return missing


def compile_all() -> None:
    for path in catalogues():
        with path.with_suffix(".mo").open("wb") as out:
            write_mo(out, read(path), use_fuzzy=False)


def check() -> int:
    """Strings in the code but not in the catalogue, and the other way round."""
    code = {str(m.id) for m in extract() if m.id}
    kept = {str(m.id) for m in read_po(TEMPLATE.open("rb")) if m.id}
    for message in sorted(code - kept):
        print(f"new, not in the catalogue: {message!r}")
    for message in sorted(kept - code):
        print(f"gone from the code: {message!r}")
    return 1 if code != kept else 0


def new(language: str) -> None:
    path = LOCALE / language / "LC_MESSAGES" / "supple.po"
    catalog = Catalog(locale=language, project="Supple")
    catalog.update(extract())
    _write(catalog, path)
    print(f"started {path.relative_to(ROOT)}")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        sys.exit(check())
    elif command == "new" and len(sys.argv) == 3:
        new(sys.argv[2])
    else:
        sys.exit(__doc__)
