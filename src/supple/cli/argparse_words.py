"""argparse's own words (``usage:``, ``options``, its errors) in the language in force.

argparse translates through ``gettext.gettext`` with Python's default domain, which no
catalogue of Supple's reaches; it looks ``_`` and ``ngettext`` up in its module when it
runs, so the command line points them at Supple's catalogue. The strings it uses are
marked here so that they are extracted with the rest.
"""

from __future__ import annotations

import argparse

from supple.core import i18n
from supple.core.i18n import N_

ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("%(prog)s: error: %(message)s\n"),
)


def use_supple_catalogue() -> None:
    """Let argparse's own words come from Supple's catalogue from now on."""
    argparse._ = i18n._  # type: ignore[attr-defined]  # argparse's module-level gettext
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]  # and its plural form
