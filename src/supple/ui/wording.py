"""The words the player shows: sides, positions, targets and what comes next.

Kept apart from the widgets so the phrasing can be read, changed and tested in one place.
"""

from __future__ import annotations

from supple.core import timefmt
from supple.core.library import exercises_for
from supple.core.model import Exercise, Position, ResolvedEntry, Routine, Side, Sides, resolve
from supple.core.plan import Plan, Step, StepKind
from supple.core.step_labels import DOT, KIND_WORDS

SIDE_WORDS = {Side.LEFT: "LEFT", Side.RIGHT: "RIGHT", Side.ALTERNATING: "ALTERNATING"}

POSITION_PHRASES = {
    Position.STANDING: "Standing",
    Position.QUADRUPED: "On hands and knees",
    Position.SUPINE: "Lying on your back",
    Position.PRONE: "Lying face down",
    Position.SEATED: "Sitting on the floor",
    Position.SIDE_LYING: "Lying on your side",
    Position.KNEELING: "Kneeling",
}


def side_word(side: Side) -> str:
    """``LEFT``, ``RIGHT``, ``ALTERNATING``, or nothing for exercises without sides."""
    return SIDE_WORDS.get(side, "")


def side_suffix(side: Side) -> str:
    """`` - left side`` style suffix for running text."""
    if side is Side.LEFT:
        return ", left side"
    if side is Side.RIGHT:
        return ", right side"
    if side is Side.ALTERNATING:
        return ", alternating"
    return ""


def position_phrase(exercise: Exercise) -> str:
    text = POSITION_PHRASES.get(exercise.position, "")
    if exercise.equipment:
        text += f" \N{MIDDLE DOT} {exercise.equipment[0]}"
    return text


def target_phrase(step: Step) -> str:
    """What a work step asks for: ``20 reps``, ``45 s``, ``10 reps, at your own pace``."""
    if step.target_reps is not None:
        reps = f"{step.target_reps} rep{'s' if step.target_reps != 1 else ''}"
        if step.self_paced:
            return f"{reps}, at your own pace"
        if step.side is Side.ALTERNATING:
            return f"{reps}, left and right in turn"
        return reps
    return timefmt.duration(step.target_seconds or 0.0)


def work_for(plan: Plan, step: Step) -> Step:
    """The work step a non-work step leads to (itself for a work step)."""
    if step.is_work:
        return step
    return plan.next_work(step.index) or step


def next_up(plan: Plan, index: int) -> str:
    """The "Next: ..." line under a work step."""
    steps = plan.steps
    following = steps[index + 1] if index + 1 < len(steps) else None
    if following is None:
        return "Last one \N{EM DASH} then you're done"
    if following.kind is StepKind.SIDE_SWITCH:
        return f"Next: {side_word(following.side).lower()} side"
    if following.kind is StepKind.REST:
        work = plan.next_work(following.index)
        rest = timefmt.clock(following.planned_seconds)
        if work is None:
            return f"Next: rest {rest}"
        return f"Next: rest {rest}, then {work.exercise.name}{side_suffix(work.side)}"
    return f"Next: {following.exercise.name}{side_suffix(following.side)}"


def kicker(step: Step) -> str:
    """The small line above the exercise name: what kind of moment this is."""
    if step.kind is StepKind.WORK:
        return step.block.upper()
    words = KIND_WORDS[step.kind].upper()
    return f"{words} {DOT} UP NEXT" if step.kind is StepKind.REST else words


def round_text(step: Step) -> str:
    return f"Round {step.round} of {step.rounds}" if step.rounds > 1 else ""


def routine_meta(plan: Plan) -> str:
    """``17 min  ·  10 exercises`` for the routine picker."""
    count = len({s.exercise.id for s in plan.work_steps})
    return (
        f"{timefmt.duration(plan.total_seconds)}  \N{MIDDLE DOT}  "
        f"{count} exercise{'s' if count != 1 else ''}"
    )


def entry_phrase(entry: ResolvedEntry) -> str:
    """One line of a routine preview: ``20 reps``, ``12 reps each side``, ``45 s``."""
    if entry.reps is not None:
        text = f"{entry.reps} rep{'s' if entry.reps != 1 else ''}"
    else:
        text = timefmt.duration(entry.seconds or 0)
    if entry.sides is Sides.EACH:
        text += " each side"
    elif entry.sides is Sides.ALTERNATE:
        text += ", alternating"
    if entry.self_paced:
        text += ", own pace"
    return text


def preview(routine: Routine) -> list[tuple[str, str]]:
    """Block headings (with an empty second part) and their exercises, for the home screen."""
    known = exercises_for(routine)
    rows: list[tuple[str, str]] = []
    for block in routine.blocks:
        rounds = f"  \N{MIDDLE DOT}  {block.rounds} ROUNDS" if block.rounds > 1 else ""
        rows.append((f"{block.name.upper()}{rounds}", ""))
        for entry in block.entries:
            exercise = known.get(entry.exercise)
            if exercise is None:
                continue
            rows.append((exercise.name, entry_phrase(resolve(entry, exercise, block))))
    return rows
