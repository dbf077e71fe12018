"""Changes to a routine, as functions from one routine value to the next.

Routines are frozen, so every edit builds a new one; that is what makes undo a
matter of keeping the previous value. Paths are ``(block, entry)``, 0-based.
Nothing here checks values: an out-of-range number is kept as typed, so the
validator can say what is wrong at the field.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from supple.core.model import Block, Category, Entry, Exercise, Kind, Routine, Sides

Path = tuple[int, int | None]

DEFAULT_SECONDS = 30
DEFAULT_REPS = 10
NEW_BLOCK_REST_SECONDS = 15
"""The rest between exercises of a block the user adds (or a new routine starts with)."""


def _set_block(routine: Routine, block: int, new: Block) -> Routine:
    blocks = list(routine.blocks)
    blocks[block] = new
    return replace(routine, blocks=tuple(blocks))


def with_routine(routine: Routine, **changes: Any) -> Routine:
    return replace(routine, **changes)


def with_block(routine: Routine, block: int, **changes: Any) -> Routine:
    return _set_block(routine, block, replace(routine.blocks[block], **changes))


def with_entry(routine: Routine, block: int, entry: int, **changes: Any) -> Routine:
    old = routine.blocks[block]
    entries = list(old.entries)
    entries[entry] = replace(entries[entry], **changes)
    return _set_block(routine, block, replace(old, entries=tuple(entries)))


def entry_override(exercise: Exercise | None, field: str, value: Any) -> Any:
    """``None`` (use the exercise's default) when ``value`` is that default, else ``value``."""
    if exercise is None:
        return value
    defaults = {
        "reps": exercise.reps,
        "seconds": exercise.seconds,
        "tempo": exercise.tempo,
        "sides": exercise.sides,
    }
    return None if field in defaults and defaults[field] == value else value


def insert_entry(routine: Routine, block: int, position: int, entry: Entry) -> Routine:
    old = routine.blocks[block]
    entries = list(old.entries)
    entries.insert(position, entry)
    return _set_block(routine, block, replace(old, entries=tuple(entries)))


def remove_entry(routine: Routine, block: int, entry: int) -> Routine:
    old = routine.blocks[block]
    entries = list(old.entries)
    del entries[entry]
    return _set_block(routine, block, replace(old, entries=tuple(entries)))


def move_entry(
    routine: Routine, from_block: int, from_entry: int, to_block: int, to_position: int
) -> tuple[Routine, Path]:
    """Move an entry to ``to_position`` of ``to_block``, counted before it leaves its place
    (what a drop between two rows means); returns the routine and where the entry ended up."""
    moving = routine.blocks[from_block].entries[from_entry]
    if from_block == to_block and to_position > from_entry:
        to_position -= 1
    without = remove_entry(routine, from_block, from_entry)
    size = len(without.blocks[to_block].entries)
    to_position = max(0, min(to_position, size))
    return insert_entry(without, to_block, to_position, moving), (to_block, to_position)


def shift_entry(routine: Routine, block: int, entry: int, delta: int) -> tuple[Routine, Path]:
    """One place up (``-1``) or down (``+1``); past the end of a block the entry moves into
    the neighbouring block. Returns the routine unchanged at the very first or last place."""
    entries = routine.blocks[block].entries
    target = entry + delta
    if 0 <= target < len(entries):
        moving = entries[entry]
        reordered = list(entries)
        reordered[entry], reordered[target] = reordered[target], moving
        new = _set_block(routine, block, replace(routine.blocks[block], entries=tuple(reordered)))
        return new, (block, target)
    neighbour = block + delta
    if not 0 <= neighbour < len(routine.blocks):
        return routine, (block, entry)
    position = len(routine.blocks[neighbour].entries) if delta < 0 else 0
    moving = entries[entry]
    new = insert_entry(remove_entry(routine, block, entry), neighbour, position, moving)
    return new, (neighbour, position)


def empty_block(name: str) -> Block:
    """A new block: one round, no exercises yet (which the validator reports until one is added)."""
    return Block(name=name, entries=(), rounds=1, rest_between_exercises=NEW_BLOCK_REST_SECONDS)


def add_block(routine: Routine, after: int | None, name: str) -> tuple[Routine, int]:
    position = len(routine.blocks) if after is None else after + 1
    blocks = list(routine.blocks)
    blocks.insert(position, empty_block(name))
    return replace(routine, blocks=tuple(blocks)), position


def remove_block(routine: Routine, block: int) -> Routine:
    blocks = list(routine.blocks)
    del blocks[block]
    return replace(routine, blocks=tuple(blocks))


def shift_block(routine: Routine, block: int, delta: int) -> tuple[Routine, int]:
    target = block + delta
    if not 0 <= target < len(routine.blocks):
        return routine, block
    blocks = list(routine.blocks)
    blocks[block], blocks[target] = blocks[target], blocks[block]
    return replace(routine, blocks=tuple(blocks)), target


def unique_block_name(routine: Routine) -> str:
    names = {b.name for b in routine.blocks}
    number = len(routine.blocks) + 1
    while f"Block {number}" in names:
        number += 1
    return f"Block {number}"


# --- the routine's own exercises -------------------------------------------------------


def add_exercise(routine: Routine, exercise: Exercise) -> Routine:
    return replace(routine, exercises=(*routine.exercises, exercise))


def new_exercise(exercise_id: str, name: str, kind: Kind) -> Exercise:
    return Exercise(
        id=exercise_id,
        name=name,
        category=Category.MOBILITY,
        kind=kind,
        reps=DEFAULT_REPS if kind is Kind.REPS else None,
        seconds=DEFAULT_SECONDS if kind is Kind.TIMED else None,
    )


def with_exercise(routine: Routine, exercise_id: str, **changes: Any) -> Routine:
    """Change one of the routine's own exercises. Switching its kind moves the default to
    the other field and clears entry overrides that only the old kind accepts."""
    old = next(e for e in routine.exercises if e.id == exercise_id)
    kind = changes.get("kind", old.kind)
    if kind is not old.kind:
        if kind is Kind.TIMED:
            changes.setdefault("reps", None)
            changes.setdefault("seconds", old.seconds or DEFAULT_SECONDS)
        else:
            changes.setdefault("seconds", None)
            changes.setdefault("reps", old.reps or DEFAULT_REPS)
    new = replace(old, **changes)
    routine = replace(
        routine, exercises=tuple(new if e.id == exercise_id else e for e in routine.exercises)
    )
    if kind is not old.kind:
        blocks = []
        for block in routine.blocks:
            entries = tuple(
                replace(
                    entry,
                    reps=None,
                    seconds=None,
                    self_paced=False,
                    sides=None if entry.sides is Sides.ALTERNATE else entry.sides,
                )
                if entry.exercise == exercise_id
                else entry
                for entry in block.entries
            )
            blocks.append(replace(block, entries=entries))
        routine = replace(routine, blocks=tuple(blocks))
    return routine


def remove_exercise(routine: Routine, exercise_id: str) -> tuple[Routine, int]:
    """Remove an own exercise and every entry that uses it; returns how many entries went."""
    removed = 0
    blocks = []
    for block in routine.blocks:
        kept = tuple(e for e in block.entries if e.exercise != exercise_id)
        removed += len(block.entries) - len(kept)
        blocks.append(replace(block, entries=kept))
    exercises = tuple(e for e in routine.exercises if e.id != exercise_id)
    return replace(routine, blocks=tuple(blocks), exercises=exercises), removed


def uses_of(routine: Routine, exercise_id: str) -> int:
    return sum(e.exercise == exercise_id for b in routine.blocks for e in b.entries)
