"""The routine model: what an exercise is, and how a routine arranges exercises.

These types are immutable so a routine can be shared between the plan, the
player and the history snapshot without anyone changing it underneath the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class Category(StrEnum):
    WARM_UP = "warm-up"
    MOBILITY = "mobility"
    STRENGTH = "strength"
    CORE = "core"
    SOFT_TISSUE = "soft-tissue"
    COOL_DOWN = "cool-down"


class Kind(StrEnum):
    """Whether an exercise is counted in repetitions or held for a time."""

    REPS = "reps"
    TIMED = "timed"


class Sides(StrEnum):
    """How an exercise uses the two sides of the body.

    ``each``: the whole set on the left, a side switch, then the whole set on the right.
    ``alternate``: one set whose repetitions alternate left, right, left, ...
    """

    NONE = "none"
    EACH = "each"
    ALTERNATE = "alternate"


class Side(StrEnum):
    """The side a single step (or repetition) is done on."""

    NONE = "none"
    LEFT = "left"
    RIGHT = "right"
    ALTERNATING = "alternating"


Words = str | tuple[str, ...]
"""A field's words in one language: a text (a name) or a list of texts (cues)."""


@dataclass(frozen=True)
class Translations:
    """The words a file gives in several languages (``name.de = "..."``), kept so that it
    is written back as it was read. The plain fields (``name``, ``cues``) hold the words
    of the language in force when the file was read; ``shown`` says which one each is."""

    texts: tuple[tuple[str, str, Words], ...] = ()
    """(field, language, words) for every field given per language."""
    shown: tuple[tuple[str, str], ...] = ()
    """(field, language) of the words each such field shows."""

    def languages(self, field: str) -> dict[str, Words]:
        return {language: words for key, language, words in self.texts if key == field}

    def shown_language(self, field: str) -> str:
        return next((language for key, language in self.shown if key == field), "")


class Position(StrEnum):
    STANDING = "standing"
    QUADRUPED = "quadruped"
    SUPINE = "supine"
    PRONE = "prone"
    SEATED = "seated"
    SIDE_LYING = "side-lying"
    KNEELING = "kneeling"


@dataclass(frozen=True)
class Variant:
    """Another way to do an exercise (lying on your back instead of on hands and knees):
    the same movement, counted and timed alike, with its own position, picture and cues."""

    id: str
    name: str
    position: Position
    cues: tuple[str, ...] = ()
    image: str = ""
    """Picture name (without extension); empty means ``<exercise id>-<variant id>``."""
    translations: Translations = Translations()
    """Its words in other languages, as the file gives them."""


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    category: Category
    kind: Kind
    reps: int | None = None
    """Default repetitions per set (reps exercises)."""
    seconds: int | None = None
    """Default duration of one set in seconds (timed exercises)."""
    tempo: float = 3.0
    """Seconds per repetition when the app paces the count."""
    phases: tuple[str, ...] = ()
    """Named parts of one repetition, e.g. ("tilt forward", "tilt back"); they share the tempo."""
    sides: Sides = Sides.NONE
    position: Position = Position.STANDING
    equipment: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    image: str = ""
    """Picture name (without extension); empty means the exercise id."""
    description: str = ""
    variants: tuple[Variant, ...] = ()
    """Other ways to do it; a routine entry chooses one, or else does it as described above."""
    translations: Translations = Translations()
    """Its words in other languages, as the file gives them."""

    @property
    def image_name(self) -> str:
        return self.image or self.id

    def variant(self, variant_id: str) -> Variant | None:
        return next((v for v in self.variants if v.id == variant_id), None)

    def as_variant(self, variant_id: str) -> Exercise:
        """The exercise done the way ``variant_id`` says (unchanged for "" or an unknown id)."""
        chosen = self.variant(variant_id) if variant_id else None
        if chosen is None:
            return self
        return replace(
            self,
            position=chosen.position,
            cues=chosen.cues,
            image=chosen.image or f"{self.id}-{chosen.id}",
        )


@dataclass(frozen=True)
class Entry:
    """One exercise as it appears in a block, with optional overrides of its defaults."""

    exercise: str
    reps: int | None = None
    seconds: int | None = None
    sides: Sides | None = None
    tempo: float | None = None
    self_paced: bool = False
    rest_after: int | None = None
    """Rest after this entry in seconds; ``None`` uses the block's rest between exercises."""
    variant: str = ""
    """Which of the exercise's variants to do; "" does it as the exercise describes."""


@dataclass(frozen=True)
class Block:
    name: str
    entries: tuple[Entry, ...]
    rounds: int = 1
    rest_between_exercises: int = 0
    rest_between_rounds: int = 0
    translations: Translations = Translations()
    """Its words in other languages, as the file gives them."""


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    blocks: tuple[Block, ...]
    description: str = ""
    get_ready_seconds: int = 5
    side_switch_seconds: int = 5
    exercises: tuple[Exercise, ...] = field(default=())
    """Exercises defined by this routine itself, in addition to the built-in catalog."""
    translations: Translations = Translations()
    """Its words in other languages, as the file gives them."""


@dataclass(frozen=True)
class ResolvedEntry:
    """An entry with the exercise looked up and every override applied."""

    exercise: Exercise
    reps: int | None
    seconds: int | None
    sides: Sides
    tempo: float
    self_paced: bool
    rest_after: int


def resolve(entry: Entry, exercise: Exercise, block: Block) -> ResolvedEntry:
    """Apply an entry's overrides to its exercise's defaults."""
    is_reps = exercise.kind is Kind.REPS
    return ResolvedEntry(
        exercise=exercise.as_variant(entry.variant),
        reps=(entry.reps if entry.reps is not None else exercise.reps) if is_reps else None,
        seconds=None
        if is_reps
        else (entry.seconds if entry.seconds is not None else exercise.seconds),
        sides=entry.sides if entry.sides is not None else exercise.sides,
        tempo=entry.tempo if entry.tempo is not None else exercise.tempo,
        self_paced=entry.self_paced and is_reps,
        rest_after=entry.rest_after
        if entry.rest_after is not None
        else block.rest_between_exercises,
    )
