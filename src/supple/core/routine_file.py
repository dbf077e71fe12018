"""Routine files: TOML a person can write by hand, checked field by field.

The format is documented in ``docs/routine-format.md``. Every error names the
file, the block, the entry and the field, says what was found and what is
accepted, and suggests the closest known name for a typo.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import tomli_w

from supple.core import routine_words
from supple.core.i18n import N_, _
from supple.core.model import (
    Block,
    Category,
    Entry,
    Exercise,
    Kind,
    Position,
    Routine,
    Sides,
    Translations,
    Variant,
    Words,
)
from supple.core.problems import Problem, RoutineFileError

FORMAT_VERSION = 1

# Limits a hand-written file is checked against; the editor uses the same ones.
REPS_RANGE = (1, 500)
SECONDS_RANGE = (1, 3600)
TEMPO_RANGE = (0.5, 30.0)
ROUNDS_RANGE = (1, 20)
REST_RANGE = (0, 600)
GET_READY_RANGE = (0, 60)
SIDE_SWITCH_RANGE = (0, 60)
MAX_CUES = 4
MAX_PHASES = 4
MAX_TEXT = 200
NAME_MAX = 80
MAX_FILE_BYTES = 2**20
"""A routine file is a few KiB; a bigger one is not read at all."""
BYTE_ORDER_MARK = "\ufeff"

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

ROUTINE_KEYS = (
    "format",
    "id",
    "name",
    "description",
    "get_ready_seconds",
    "side_switch_seconds",
    "exercises",
    "blocks",
)
BLOCK_KEYS = ("name", "rounds", "rest_between_exercises", "rest_between_rounds", "entries")
ENTRY_KEYS = (
    "exercise",
    "variant",
    "reps",
    "seconds",
    "sides",
    "tempo",
    "self_paced",
    "rest_after",
)
VARIANT_KEYS = ("id", "name", "position", "cues", "image")
MAX_VARIANTS = 4
EXERCISE_KEYS = (
    "id",
    "name",
    "category",
    "kind",
    "reps",
    "seconds",
    "tempo",
    "phases",
    "sides",
    "position",
    "equipment",
    "cues",
    "image",
    "description",
    "variants",
)

E = TypeVar("E", bound=StrEnum)
W = TypeVar("W", str, tuple[str, ...])


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return _(' - did you mean "{name}"?').format(name=close[0]) if close else ""


def _shown(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return _("a table")
    if isinstance(value, list):
        return _("a list")
    try:
        return str(value)
    except ValueError:  # an integer beyond Python's digit limit (hexadecimal TOML is read anyway)
        return _("a number too long to show")


@dataclass
class _Reader:
    """Reads typed fields out of one TOML table, collecting problems instead of stopping."""

    file: str
    where: str
    table: Mapping[str, Any]
    problems: list[Problem]
    block: int | None = None
    entry: int | None = None
    words: list[tuple[str, str, Words]] = field(default_factory=list)
    shown: list[tuple[str, str]] = field(default_factory=list)

    def problem(self, message: str, **values: object) -> None:
        """Add a problem; ``message`` is the English (marked with ``N_``), filled with
        ``values`` and translated. The field it is about is read from the English."""
        about = Problem(self.file, self.where, message.format(**values)).field
        text = _(message).format(**values)
        self.problems.append(Problem(self.file, self.where, text, self.block, self.entry, about))

    def check_keys(self, accepted: tuple[str, ...]) -> None:
        for key in self.table:
            if key not in accepted:
                self.problem(
                    N_('unknown key "{key}"{hint} (accepted: {accepted})'),
                    key=key,
                    hint=did_you_mean(key, accepted),
                    accepted=", ".join(accepted),
                )

    def translatable(self, key: str, read: Callable[[_Reader, str], W], empty: W) -> W:
        """``read`` the plain field, or each language of a ``key.<language>`` table; the
        words of the language in force (see :mod:`supple.core.routine_words`)."""
        value = self.table.get(key)
        if not isinstance(value, dict):
            return read(self, key)
        given: dict[str, Words] = {}
        for code, words in value.items():
            dotted = f"{key}.{code}"
            problem = routine_words.language_problem(key, code)
            if problem:
                self.problems.append(
                    Problem(self.file, self.where, problem, self.block, self.entry, key)
                )
                continue
            given[code] = read(replace(self, table={dotted: words}), dotted)
        if not given:
            if not value:
                self.problem(
                    N_("{key} is an empty table: give its words, or one per language"), key=key
                )
            return empty
        code, chosen = routine_words.choose(given)
        kept = routine_words.kept(given, code)
        self.words += [(key, language, words) for language, words in kept.items()]
        self.shown.append((key, code))
        return chosen  # type: ignore[return-value]  # read() gave every language a W

    def translations(self) -> Translations:
        return Translations(tuple(self.words), tuple(self.shown))

    def integer(
        self,
        key: str,
        bounds: tuple[int, int],
        default: int | None = None,
        *,
        required: bool = False,
    ) -> int | None:
        if key not in self.table:
            if required:
                self.problem(
                    N_("{key} is missing: give a whole number from {low} to {high}"),
                    key=key,
                    low=bounds[0],
                    high=bounds[1],
                )
            return default
        value = self.table[key]
        low, high = bounds
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(
                N_("{key} must be a whole number from {low} to {high}, got {value}"),
                key=key,
                low=low,
                high=high,
                value=_shown(value),
            )
            return default
        return value

    def number(self, key: str, bounds: tuple[float, float]) -> float | None:
        if key not in self.table:
            return None
        value = self.table[key]
        low, high = bounds
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            self.problem(
                N_("{key} must be a number of seconds from {low:g} to {high:g}, got {value}"),
                key=key,
                low=low,
                high=high,
                value=_shown(value),
            )
            return None
        return float(value)

    def text(
        self, key: str, *, required: bool = False, max_len: int = MAX_TEXT, default: str = ""
    ) -> str:
        if key not in self.table:
            if required:
                self.problem(N_("{key} is missing: give it as text in quotes"), key=key)
            return default
        value = self.table[key]
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(
                N_("{key} must be non-empty text in quotes, got {value}"),
                key=key,
                value=_shown(value),
            )
            return default
        if len(value) > max_len:
            self.problem(
                N_("{key} must be at most {most} characters, got {count}"),
                key=key,
                most=max_len,
                count=len(value),
            )
            return value[:max_len]
        return value

    def identifier(self, key: str, *, required: bool = True) -> str:
        value = self.text(key, required=required, max_len=64)
        if value and not ID_PATTERN.match(value):
            self.problem(
                N_(
                    "{key} must use lowercase letters, digits and hyphens, starting with a "
                    'letter or digit (e.g. "slider-curl"), got {value}'
                ),
                key=key,
                value=_shown(value),
            )
        return value

    def choice(self, key: str, enum: type[E], default: E | None = None) -> E | None:
        accepted = [member.value for member in enum]
        if key not in self.table:
            if default is None:
                self.problem(
                    N_("{key} is missing: give one of {accepted}"),
                    key=key,
                    accepted=", ".join(accepted),
                )
            return default
        value = self.table[key]
        if isinstance(value, str) and value in accepted:
            return enum(value)
        hint = did_you_mean(value, accepted) if isinstance(value, str) else ""
        self.problem(
            N_("{key} must be one of {accepted}, got {value}{hint}"),
            key=key,
            accepted=", ".join(accepted),
            value=_shown(value),
            hint=hint,
        )
        return default

    def boolean(self, key: str) -> bool:
        value = self.table.get(key, False)
        if not isinstance(value, bool):
            self.problem(
                N_("{key} must be true or false, got {value}"), key=key, value=_shown(value)
            )
            return False
        return value

    def texts(self, key: str, max_items: int) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if (
            not isinstance(value, list)
            or len(value) > max_items
            or not all(isinstance(v, str) and v.strip() and len(v) <= MAX_TEXT for v in value)
        ):
            self.problem(
                N_(
                    "{key} must be a list of at most {most} pieces of text in quotes "
                    "(each up to {length} characters), got {value}"
                ),
                key=key,
                most=max_items,
                length=MAX_TEXT,
                value=_shown(value),
            )
            return ()
        return tuple(value)

    def tables(self, key: str) -> list[Mapping[str, Any]]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(
                N_("{key} must be a list of tables ([[{key}]] sections), got {value}"),
                key=key,
                value=_shown(value),
            )
            return []
        return value


def parse_exercise(
    table: Mapping[str, Any], file: str, where: str, problems: list[Problem]
) -> Exercise | None:
    """Read one ``[[exercises]]`` table; ``None`` (with problems added) when it is unusable."""
    r = _Reader(file, where, table, problems)
    before = len(problems)
    r.check_keys(EXERCISE_KEYS)
    ex_id = r.identifier("id")
    name = r.translatable("name", _name, "")
    category = r.choice("category", Category)
    kind = r.choice("kind", Kind)
    reps = r.integer("reps", REPS_RANGE)
    seconds = r.integer("seconds", SECONDS_RANGE)
    tempo = r.number("tempo", TEMPO_RANGE)
    phases = r.translatable("phases", _phases, ())
    sides = r.choice("sides", Sides, Sides.NONE)
    position = r.choice("position", Position, Position.STANDING)
    equipment = r.translatable("equipment", _equipment, ())
    cues = r.translatable("cues", _cues, ())
    image = r.text("image", max_len=64)
    description = r.translatable("description", _description, "")
    variants = _parse_variants(r)
    if kind is Kind.REPS and reps is None and "reps" not in table:
        r.problem(
            N_("reps is missing: a reps exercise needs default reps from {low} to {high}"),
            low=REPS_RANGE[0],
            high=REPS_RANGE[1],
        )
    if kind is Kind.TIMED and seconds is None and "seconds" not in table:
        r.problem(
            N_("seconds is missing: a timed exercise needs default seconds from {low} to {high}"),
            low=SECONDS_RANGE[0],
            high=SECONDS_RANGE[1],
        )
    if kind is Kind.REPS and "seconds" in table:
        r.problem(N_('seconds does not apply to a reps exercise; use reps (or make kind "timed")'))
    if kind is Kind.TIMED and "reps" in table:
        r.problem(N_('reps does not apply to a timed exercise; use seconds (or make kind "reps")'))
    if kind is Kind.TIMED and sides is Sides.ALTERNATE:
        r.problem(
            N_('sides "alternate" needs a reps exercise; a timed exercise can use "none" or "each"')
        )
    _check_image(r, image)
    if len(problems) > before or category is None or kind is None:
        return None
    assert sides is not None and position is not None
    return Exercise(
        id=ex_id,
        name=name,
        category=category,
        kind=kind,
        reps=reps,
        seconds=seconds,
        tempo=tempo if tempo is not None else 3.0,
        phases=phases,
        sides=sides,
        position=position,
        equipment=equipment,
        cues=cues,
        image=image,
        description=description,
        variants=variants,
        translations=r.translations(),
    )


def _name(r: _Reader, key: str) -> str:
    return r.text(key, required=True, max_len=NAME_MAX)


def _phases(r: _Reader, key: str) -> tuple[str, ...]:
    return r.texts(key, MAX_PHASES)


def _equipment(r: _Reader, key: str) -> tuple[str, ...]:
    return r.texts(key, 6)


def _cues(r: _Reader, key: str) -> tuple[str, ...]:
    return r.texts(key, MAX_CUES)


def _description(r: _Reader, key: str) -> str:
    return r.text(key, max_len=600)


def _routine_description(r: _Reader, key: str) -> str:
    return r.text(key, max_len=2000)


def _check_image(r: _Reader, image: str) -> None:
    if image and not ID_PATTERN.match(image):
        r.problem(
            N_(
                'image must be a picture name like "slider-curl" (no folders or extension), '
                "got {value}"
            ),
            value=_shown(image),
        )


def _parse_variants(exercise: _Reader) -> tuple[Variant, ...]:
    """Read an exercise's ``[[exercises.variants]]``; problems name the variant."""
    tables = exercise.tables("variants")
    if len(tables) > MAX_VARIANTS:
        exercise.problem(
            N_("variants must be at most {most}, got {count}"),
            most=MAX_VARIANTS,
            count=len(tables),
        )
    variants: list[Variant] = []
    for number, table in enumerate(tables[:MAX_VARIANTS], start=1):
        given = table.get("id")
        label = (
            _('variant "{id}"').format(id=given)
            if isinstance(given, str) and given
            else _("variant {number}").format(number=number)
        )
        r = _Reader(exercise.file, f"{exercise.where}, {label}", table, exercise.problems)
        before = len(r.problems)
        r.check_keys(VARIANT_KEYS)
        variant_id = r.identifier("id")
        name = r.translatable("name", _name, "")
        position = r.choice("position", Position)
        cues = r.translatable("cues", _cues, ())
        image = r.text("image", max_len=64)
        _check_image(r, image)
        if variant_id and any(v.id == variant_id for v in variants):
            r.problem(N_('id "{id}" is given to two variants; choose another id'), id=variant_id)
        if len(r.problems) == before and position is not None:
            variants.append(Variant(variant_id, name, position, cues, image, r.translations()))
    return tuple(variants)


def _parse_entry(
    table: Mapping[str, Any],
    known: Mapping[str, Exercise],
    broken: set[str],
    file: str,
    where: str,
    problems: list[Problem],
    block: int,
    entry: int,
) -> Entry | None:
    """Read one ``[[blocks.entries]]`` table; entries of already-reported broken exercises
    are not checked against them, so one mistake gives one error."""
    ex_id = table.get("exercise")
    label = f"{where} ({ex_id})" if isinstance(ex_id, str) and ex_id else where
    r = _Reader(file, label, table, problems, block, entry)
    before = len(problems)
    r.check_keys(ENTRY_KEYS)
    exercise_id = r.text("exercise", required=True, max_len=64)
    variant = r.text("variant", max_len=64)
    reps = r.integer("reps", REPS_RANGE)
    seconds = r.integer("seconds", SECONDS_RANGE)
    sides = r.choice("sides", Sides, Sides.NONE) if "sides" in table else None
    tempo = r.number("tempo", TEMPO_RANGE)
    self_paced = r.boolean("self_paced")
    rest_after = r.integer("rest_after", REST_RANGE)
    exercise = known.get(exercise_id)
    if exercise_id and exercise is None and exercise_id not in broken:
        r.problem(
            N_('exercise "{id}" is not a built-in exercise or one defined in this file{hint}'),
            id=exercise_id,
            hint=did_you_mean(exercise_id, sorted(known)),
        )
    if exercise is not None:
        if exercise.kind is Kind.TIMED:
            if "reps" in table:
                r.problem(
                    N_('reps does not apply to timed exercise "{id}"; use seconds'), id=exercise.id
                )
            if self_paced:
                r.problem(
                    N_('self_paced applies to reps exercises only; "{id}" is timed'), id=exercise.id
                )
            if (sides or exercise.sides) is Sides.ALTERNATE:
                r.problem(
                    N_('sides "alternate" needs a reps exercise; "{id}" is timed'), id=exercise.id
                )
        elif "seconds" in table:
            r.problem(
                N_('seconds does not apply to reps exercise "{id}"; use reps'), id=exercise.id
            )
        if variant and exercise.variant(variant) is None:
            _unknown_variant(r, exercise, variant)
    if len(problems) > before:
        return None
    return Entry(
        exercise=exercise_id,
        reps=reps,
        seconds=seconds,
        sides=sides,
        tempo=tempo,
        self_paced=self_paced,
        rest_after=rest_after,
        variant=variant,
    )


def _unknown_variant(r: _Reader, exercise: Exercise, variant: str) -> None:
    ids = [v.id for v in exercise.variants]
    if not ids:
        r.problem(
            N_('variant "{variant}": exercise "{id}" has no variants; remove variant'),
            variant=variant,
            id=exercise.id,
        )
        return
    r.problem(
        N_('variant "{variant}" is not a variant of "{id}" (its variants: {ids}){hint}'),
        variant=variant,
        id=exercise.id,
        ids=", ".join(ids),
        hint=did_you_mean(variant, ids),
    )


def _routine_id(r: _Reader, file_name: str) -> str:
    """The routine's own id, or else its file name when that can be an id."""
    file_id = file_name if ID_PATTERN.match(file_name) else ""
    if "id" not in r.table and file_name and not file_id:
        suggested = re.sub(r"[^a-z0-9]+", "-", file_name.lower()).strip("-")[:64] or "routine"
        r.problem(
            N_(
                'id is missing, and the file name "{file}" cannot stand in for it (ids use '
                'lowercase letters, digits and hyphens): add id = "{id}", or rename the '
                "file to {id}.toml"
            ),
            file=file_name,
            id=suggested,
        )
    return r.identifier("id", required=not file_name) or file_id


def parse_routine(
    data: Mapping[str, Any], file: str, catalog: Mapping[str, Exercise], default_id: str = ""
) -> Routine:
    """Build a routine from parsed TOML, or raise ``RoutineFileError`` with every problem."""
    problems: list[Problem] = []
    r = _Reader(file, "", data, problems)
    r.check_keys(ROUTINE_KEYS)
    version = data.get("format", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        r.problem(
            N_(
                "format must be {version}, the version this Supple reads, got {value}; "
                "update Supple or rewrite the file"
            ),
            version=FORMAT_VERSION,
            value=_shown(version),
        )
    routine_id = _routine_id(r, default_id)
    name = r.translatable("name", _name, "")
    description = r.translatable("description", _routine_description, "")
    get_ready = r.integer("get_ready_seconds", GET_READY_RANGE, 5)
    side_switch = r.integer("side_switch_seconds", SIDE_SWITCH_RANGE, 5)
    own: list[Exercise] = []
    broken: set[str] = set()
    for number, table in enumerate(r.tables("exercises"), start=1):
        label = (
            _('exercise {number} ("{id}")').format(number=number, id=table["id"])
            if isinstance(table.get("id"), str)
            else _("exercise {number}").format(number=number)
        )
        exercise = parse_exercise(table, file, label, problems)
        if exercise is None:
            if isinstance(table.get("id"), str):
                broken.add(table["id"])
            continue
        at = _Reader(file, label, table, problems)
        if exercise.id in catalog:
            at.problem(
                N_('id "{id}" is already a built-in exercise; choose another id'), id=exercise.id
            )
        elif any(e.id == exercise.id for e in own):
            at.problem(N_('id "{id}" is defined twice in this file'), id=exercise.id)
        else:
            own.append(exercise)
    known: dict[str, Exercise] = {**catalog, **{e.id: e for e in own}}
    blocks: list[Block] = []
    block_tables = r.tables("blocks")
    if "blocks" in data and not block_tables and isinstance(data.get("blocks"), list):
        r.problem(N_("blocks is empty: a routine needs at least one [[blocks]] section"))
    if "blocks" not in data:
        r.problem(
            N_("blocks is missing: a routine needs at least one [[blocks]] section with entries")
        )
    for number, table in enumerate(block_tables, start=1):
        block_name = routine_words.label(table.get("name"))
        where = (
            _('block "{name}"').format(name=block_name)
            if block_name
            else _("block {number}").format(number=number)
        )
        br = _Reader(file, where, table, problems, number)
        br.check_keys(BLOCK_KEYS)
        bname = br.translatable("name", _name, "")
        rounds = br.integer("rounds", ROUNDS_RANGE, 1)
        rest_ex = br.integer("rest_between_exercises", REST_RANGE, 0)
        rest_rounds = br.integer("rest_between_rounds", REST_RANGE, 0)
        entry_tables = br.tables("entries")
        if not entry_tables:
            br.problem(
                N_(
                    "entries is missing or empty: add at least one [[blocks.entries]] with "
                    "an exercise"
                )
            )
        entries = [
            _parse_entry(
                t,
                known,
                broken,
                file,
                _("{block}, entry {number}").format(block=where, number=i),
                problems,
                number,
                i,
            )
            for i, t in enumerate(entry_tables, start=1)
        ]
        blocks.append(
            Block(
                name=bname,
                entries=tuple(e for e in entries if e is not None),
                rounds=rounds or 1,
                rest_between_exercises=rest_ex or 0,
                rest_between_rounds=rest_rounds or 0,
                translations=br.translations(),
            )
        )
    if problems:
        raise RoutineFileError(problems)
    return Routine(
        id=routine_id,
        name=name,
        description=description,
        blocks=tuple(blocks),
        get_ready_seconds=get_ready if get_ready is not None else 5,
        side_switch_seconds=side_switch if side_switch is not None else 5,
        exercises=tuple(own),
        translations=r.translations(),
    )


def loads(text: str, file: str, catalog: Mapping[str, Exercise], default_id: str = "") -> Routine:
    """Build a routine from TOML text; a byte-order mark at the start is allowed.

    ``default_id`` is the file name without ``.toml``: the id when the file gives none."""
    return parse_routine(parse_toml(text, file), file, catalog, default_id)


def parse_toml(text: str, file: str) -> dict[str, Any]:
    """The TOML document in ``text``; whatever the parser runs into is a ``RoutineFileError``."""
    try:
        return tomllib.loads(text.removeprefix(BYTE_ORDER_MARK))
    except tomllib.TOMLDecodeError as exc:
        message = _repeated_key_message(text) if "Cannot overwrite" in str(exc) else None
        raise _file_error(
            file, message or _("is not valid TOML: {error}").format(error=exc)
        ) from exc
    except RecursionError as exc:  # tomllib reads each level of brackets with one call
        raise _file_error(
            file,
            _(
                "is not valid TOML: lists or tables are nested too deeply to read; "
                "a routine needs only a few levels"
            ),
        ) from exc
    except ValueError as exc:  # Python's limit on the digits of a number it converts
        raise _file_error(
            file,
            _("is not valid TOML: a number has more than {digits} digits, too many to read").format(
                digits=sys.get_int_max_str_digits()
            ),
        ) from exc


def _file_error(file: str, message: str) -> RoutineFileError:
    """The one problem of a file that could not be read or parsed as a whole."""
    return RoutineFileError([Problem(file, "", message)])


_KEY_LINE = re.compile(
    r"""\s*((?:[\w-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[\w-]+|"[^"]*"|'[^']*'))*)\s*="""
)


def _repeated_key_message(text: str) -> str | None:
    """Name a key given twice in one table, which tomllib reports without naming it."""
    seen: set[str] = set()
    for number, line in enumerate(text.removeprefix(BYTE_ORDER_MARK).splitlines(), start=1):
        if line.lstrip().startswith("["):  # a new table: its keys start afresh
            seen = set()
            continue
        found = _KEY_LINE.match(line)
        if found is None:
            continue
        key = re.sub(r"\s*\.\s*", ".", found.group(1)).strip("\"'")
        if key in seen:
            return _(
                'is not valid TOML: "{key}" is given twice (the second time at line {line}); '
                "keep only one"
            ).format(key=key, line=number)
        seen.add(key)
    return None


def read_text(path: Path, shown: str) -> str:
    """The text of a routine file: a regular file (links followed), UTF-8, at most 1 MiB.

    Anything else (a folder, a named pipe that would wait forever for a writer, a device
    such as ``/dev/zero`` that never ends, a huge file) is a problem, never a hang."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
        try:
            kind = _special_kind(os.fstat(descriptor).st_mode)
            data = b""
            if not kind:
                with os.fdopen(descriptor, "rb", closefd=False) as handle:
                    data = handle.read(MAX_FILE_BYTES + 1)
        finally:
            os.close(descriptor)
    except OSError as exc:
        raise _file_error(
            shown, _("cannot be read: {reason}").format(reason=exc.strerror or exc)
        ) from exc
    if kind:
        raise _file_error(
            shown,
            _(
                "is not a regular file (it is {kind}); only ordinary files are read as routines"
            ).format(kind=kind),
        )
    if len(data) > MAX_FILE_BYTES:
        raise _file_error(
            shown,
            _("is larger than {size} MiB, more than any routine needs; it was not read").format(
                size=MAX_FILE_BYTES // 2**20
            ),
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _file_error(shown, _not_utf8(data, exc)) from exc


def _special_kind(mode: int) -> str:
    """What a file that is not a regular one is, in words; "" for a regular file."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("a device") if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else _("a special file")


def _not_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    line_start = data.rfind(b"\n", 0, exc.start) + 1
    line = data.count(b"\n", 0, exc.start) + 1
    column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
    return _(
        "is not UTF-8 text: the byte 0x{byte:02x} at line {line}, column {column} "
        "cannot be read; save the file as UTF-8"
    ).format(byte=data[exc.start], line=line, column=column)


def load(path: Path, catalog: Mapping[str, Exercise]) -> Routine:
    """Read a routine file; its id defaults to the file name without ``.toml``.

    Problems name the file by ``path`` as given (``my.toml``, ``../shared/my.toml``, or
    the full path of a file found in a folder), so two files called ``my.toml`` in
    different folders are never confused."""
    shown = str(path)
    return loads(read_text(path, shown), shown, catalog, default_id=path.stem)


def exercise_to_table(exercise: Exercise) -> dict[str, Any]:
    words = exercise.translations
    table: dict[str, Any] = {
        "id": exercise.id,
        "name": _written("name", exercise.name, words),
        "category": exercise.category.value,
        "kind": exercise.kind.value,
    }
    if exercise.reps is not None:
        table["reps"] = exercise.reps
    if exercise.seconds is not None:
        table["seconds"] = exercise.seconds
    table["tempo"] = exercise.tempo
    if exercise.phases:
        table["phases"] = _written("phases", exercise.phases, words)
    table["sides"] = exercise.sides.value
    table["position"] = exercise.position.value
    if exercise.equipment:
        table["equipment"] = _written("equipment", exercise.equipment, words)
    if exercise.cues:
        table["cues"] = _written("cues", exercise.cues, words)
    if exercise.image:
        table["image"] = exercise.image
    if exercise.description:
        table["description"] = _written("description", exercise.description, words)
    if exercise.variants:
        table["variants"] = [_variant_to_table(v) for v in exercise.variants]
    return table


def _written(key: str, shown: Words, translations: Translations) -> Any:
    """The field as the file gives it: plain (texts as a list), or by language."""
    value = routine_words.written(key, shown, translations)
    return list(value) if isinstance(value, tuple) else value


def _variant_to_table(variant: Variant) -> dict[str, Any]:
    table: dict[str, Any] = {
        "id": variant.id,
        "name": _written("name", variant.name, variant.translations),
        "position": variant.position.value,
    }
    if variant.cues:
        table["cues"] = _written("cues", variant.cues, variant.translations)
    if variant.image:
        table["image"] = variant.image
    return table


def _entry_to_table(entry: Entry) -> dict[str, Any]:
    table: dict[str, Any] = {"exercise": entry.exercise}
    if entry.variant:
        table["variant"] = entry.variant
    for key in ("reps", "seconds", "tempo", "rest_after"):
        value = getattr(entry, key)
        if value is not None:
            table[key] = value
    if entry.sides is not None:
        table["sides"] = entry.sides.value
    if entry.self_paced:
        table["self_paced"] = True
    return table


def routine_to_data(routine: Routine) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "id": routine.id,
        "name": _written("name", routine.name, routine.translations),
    }
    if routine.description:
        data["description"] = _written("description", routine.description, routine.translations)
    data["get_ready_seconds"] = routine.get_ready_seconds
    data["side_switch_seconds"] = routine.side_switch_seconds
    if routine.exercises:
        data["exercises"] = [exercise_to_table(e) for e in routine.exercises]
    data["blocks"] = [
        {
            "name": _written("name", block.name, block.translations),
            "rounds": block.rounds,
            "rest_between_exercises": block.rest_between_exercises,
            "rest_between_rounds": block.rest_between_rounds,
            "entries": [_entry_to_table(e) for e in block.entries],
        }
        for block in routine.blocks
    ]
    return data


def dumps(routine: Routine) -> str:
    """The routine as TOML; ``loads(dumps(r)) == r`` for every valid routine."""
    return tomli_w.dumps(routine_to_data(routine), multiline_strings=True)
