"""The words the player shows: sides, positions, targets and what comes next.

Kept apart from the widgets so the phrasing can be read, changed and tested in one place.
"""

from __future__ import annotations

from supple.core import timefmt
from supple.core.i18n import N_, _, ngettext
from supple.core.library import exercises_for
from supple.core.model import Exercise, Position, ResolvedEntry, Routine, Side, Sides, resolve
from supple.core.plan import Plan, Step, StepKind
from supple.core.step_labels import DOT, KIND_WORDS

SIDE_WORDS = {Side.LEFT: N_("LEFT"), Side.RIGHT: N_("RIGHT"), Side.ALTERNATING: N_("ALTERNATING")}

POSITION_PHRASES = {
    Position.STANDING: N_("Standing"),
    Position.QUADRUPED: N_("On hands and knees"),
    Position.SUPINE: N_("Lying on your back"),
    Position.PRONE: N_("Lying face down"),
    Position.SEATED: N_("Sitting on the floor"),
    Position.SIDE_LYING: N_("Lying on your side"),
    Position.KNEELING: N_("Kneeling"),
}


def side_word(side: Side) -> str:
    """``LEFT``, ``RIGHT``, ``ALTERNATING``, or nothing for exercises without sides."""
    word = SIDE_WORDS.get(side)
    return _(word) if word else ""


SIDE_NEXT = {Side.LEFT: N_("Next: left side"), Side.RIGHT: N_("Next: right side")}


def side_suffix(side: Side) -> str:
    """`` - left side`` style suffix for running text."""
    if side is Side.LEFT:
        return _(", left side")
    if side is Side.RIGHT:
        return _(", right side")
    if side is Side.ALTERNATING:
        return _(", alternating")
    return ""


def position_phrase(exercise: Exercise) -> str:
    phrase = POSITION_PHRASES.get(exercise.position)
    text = _(phrase) if phrase else ""
    if exercise.equipment:
        text += f" \N{MIDDLE DOT} {exercise.equipment[0]}"
    return text


def target_phrase(step: Step) -> str:
    """What a work step asks for: ``20 reps``, ``45 s``, ``10 reps, at your own pace``."""
    if step.target_reps is not None:
        reps = reps_text(step.target_reps)
        if step.self_paced:
            return _("{reps}, at your own pace").format(reps=reps)
        if step.side is Side.ALTERNATING:
            return _("{reps}, left and right in turn").format(reps=reps)
        return reps
    return timefmt.duration(step.target_seconds or 0.0)


def reps_text(reps: int) -> str:
    """``1 rep``, ``12 reps``."""
    return ngettext("{count} rep", "{count} reps", reps).format(count=reps)


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
        return _("Last one \N{EM DASH} then you're done")
    if following.kind is StepKind.SIDE_SWITCH:
        return _(SIDE_NEXT[following.side]) if following.side in SIDE_NEXT else ""
    if following.kind is StepKind.REST:
        work = plan.next_work(following.index)
        rest = timefmt.clock(following.planned_seconds)
        if work is None:
            return _("Next: rest {rest}").format(rest=rest)
        return _("Next: rest {rest}, then {exercise}").format(
            rest=rest, exercise=work.exercise.name + side_suffix(work.side)
        )
    return _("Next: {exercise}").format(
        exercise=following.exercise.name + side_suffix(following.side)
    )


def kicker(step: Step) -> str:
    """The small line above the exercise name: what kind of moment this is."""
    if step.kind is StepKind.WORK:
        return step.block.upper()
    words = _(KIND_WORDS[step.kind]).upper()
    if step.kind is StepKind.REST:
        return _("{rest} {dot} UP NEXT").format(rest=words, dot=DOT)
    return words


def round_text(step: Step) -> str:
    if step.rounds <= 1:
        return ""
    return _("Round {round} of {rounds}").format(round=step.round, rounds=step.rounds)


def routine_meta(plan: Plan) -> str:
    """``17 min  ·  10 exercises`` for the routine picker."""
    count = len({s.exercise.id for s in plan.work_steps})
    return f"{timefmt.duration(plan.total_seconds)}  \N{MIDDLE DOT}  " + ngettext(
        "{count} exercise", "{count} exercises", count
    ).format(count=count)


def entry_phrase(entry: ResolvedEntry) -> str:
    """One line of a routine preview: ``20 reps``, ``12 reps each side``, ``45 s``."""
    text = reps_text(entry.reps) if entry.reps is not None else timefmt.duration(entry.seconds or 0)
    if entry.sides is Sides.EACH:
        text = _("{amount} each side").format(amount=text)
    elif entry.sides is Sides.ALTERNATE:
        text = _("{amount}, alternating").format(amount=text)
    if entry.self_paced:
        text = _("{amount}, own pace").format(amount=text)
    return text


def preview(routine: Routine) -> list[tuple[str, str]]:
    """Block headings (with an empty second part) and their exercises, for the home screen."""
    known = exercises_for(routine)
    rows: list[tuple[str, str]] = []
    for block in routine.blocks:
        rounds = _("{rounds} ROUNDS").format(rounds=block.rounds) if block.rounds > 1 else ""
        rounds = f"  \N{MIDDLE DOT}  {rounds}" if rounds else ""
        rows.append((f"{block.name.upper()}{rounds}", ""))
        for entry in block.entries:
            exercise = known.get(entry.exercise)
            if exercise is None:
                continue
            rows.append((exercise.name, entry_phrase(resolve(entry, exercise, block))))
    return rows
