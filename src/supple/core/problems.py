"""Errors in routine and exercise files, worded for the person who has to fix them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where it is and what would be accepted instead."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        if self.where:
            return f"{self.file}: {self.where}: {self.message}"
        return f"{self.file}: {self.message}"


class RoutineFileError(Exception):
    """A routine file that could not be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
