"""Errors in routine and exercise files, worded for the person who has to fix them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FIELD = re.compile(
    r"^([a-z_]+)(?:\.[A-Za-z_]+)? "
    r"(?:must|is missing|is empty|is an empty|does not apply|applies|needs|is not|\"|\()"
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where it is and what would be accepted instead."""

    file: str
    where: str
    message: str
    block: int | None = None
    """1-based block number, when the problem is inside a block."""
    entry: int | None = None
    """1-based entry number within the block, when the problem is inside an entry."""
    key: str = ""
    """The key the message is about, when the message is translated and cannot say."""

    @property
    def field(self) -> str:
        """The key the message is about (``"reps"``), so an editor can mark that field."""
        if self.key:
            return self.key
        found = _FIELD.match(self.message)
        return found.group(1) if found else ""

    def __str__(self) -> str:
        if self.where:
            return f"{self.file}: {self.where}: {self.message}"
        return f"{self.file}: {self.message}"


class RoutineFileError(Exception):
    """A routine file that could not be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
