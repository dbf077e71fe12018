"""Numbers written out as words, so spoken prompts sound like a person talking.

Speech engines read "90/90" as "ninety slash ninety" and "30s" as "thirty S";
``speakable`` rewrites such text before it is spoken.
"""

from __future__ import annotations

import re

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"))
_IRREGULAR_ORDINALS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def number_words(n: int) -> str:
    """``21`` -> ``"twenty-one"``, ``1005`` -> ``"one thousand five"``."""
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    for size, name in _SCALES:
        if n >= size:
            high, rest = divmod(n, size)
            return f"{number_words(high)} {name}" + (f" {number_words(rest)}" if rest else "")
    raise AssertionError("unreachable: every n >= 1000 has a scale")


def ordinal_words(n: int) -> str:
    """``1`` -> ``"first"``, ``22`` -> ``"twenty-second"``."""
    cardinal = number_words(n)
    head, sep, last = cardinal.rpartition("-") if "-" in cardinal else cardinal.rpartition(" ")
    if last in _IRREGULAR_ORDINALS:
        last = _IRREGULAR_ORDINALS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def _decimal_words(text: str) -> str:
    whole, _, fraction = text.partition(".")
    spoken = number_words(int(whole))
    if fraction:
        spoken += " point " + " ".join(_ONES[int(d)] for d in fraction)
    return spoken


# Digits glued inside a word ("R2D2", "MP3") are left for the engine to spell.
_PATTERN = re.compile(
    r"(?<![A-Za-z\d])(?:"
    r"(?P<pair>(?P<a>\d+)\s*/\s*(?P<b>\d+))"
    r"|(?P<ordinal>(?P<o>\d+)(?:st|nd|rd|th))\b"
    r"|(?P<seconds>(?P<s>\d+)\s?(?:s|sec|secs)\b)"
    r"|(?P<minutes>(?P<m>\d+)\s?(?:min|mins)\b)"
    r"|(?P<decimal>\d+\.\d+)"
    r"|(?P<integer>\d{1,3}(?:,\d{3})+(?!\d)|\d+)"
    r")(?![A-Za-z\d])"
)


def _unit(count: int, unit: str) -> str:
    return f"{number_words(count)} {unit}" + ("" if count == 1 else "s")


def _replace(match: re.Match[str]) -> str:
    if match["pair"]:
        a, b = int(match["a"]), int(match["b"])
        # "90/90" names a position; "7/12" is progress.
        joiner = "-" if a == b else " of "
        return f"{number_words(a)}{joiner}{number_words(b)}"
    if match["ordinal"]:
        return ordinal_words(int(match["o"]))
    if match["seconds"]:
        return _unit(int(match["s"]), "second")
    if match["minutes"]:
        return _unit(int(match["m"]), "minute")
    if match["decimal"]:
        return _decimal_words(match["decimal"])
    return number_words(int(match["integer"].replace(",", "")))


_SAME_PAIR = re.compile(r"(?<![A-Za-z\d])(\d+)/\1(?![A-Za-z\d])")


def speakable(text: str, language: str = "en") -> str:
    """Text with its numbers as words.

    ``"90/90 hip switches, 30s"`` -> ``"ninety-ninety hip switches, thirty seconds"``;
    ``"rep 7/12"`` -> ``"rep seven of twelve"``. In another language the voice reads the
    digits in its own words; only a position's ``"90/90"`` becomes ``"90 90"``, not
    "90 slash 90".
    """
    if language != "en":
        return _SAME_PAIR.sub(r"\1 \1", text)
    return _PATTERN.sub(_replace, text)
