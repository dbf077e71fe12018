"""Numbers in prompts are read as a coach would say them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supple.audio import number_words, ordinal_words, speakable

_SMALL = {
    w: i
    for i, w in enumerate(
        [
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
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
    )
}
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def parse_words(text: str) -> int:
    """Independent reading of English number words, to check the writer against."""
    total, group = 0, 0
    for word in text.replace("-", " ").split():
        if word in _SMALL:
            group += _SMALL[word]
        elif word in _TENS:
            group += _TENS[word]
        elif word == "hundred":
            group *= 100
        elif word in _SCALE:
            total += group * _SCALE[word]
            group = 0
        else:
            raise ValueError(word)
    return total + group


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_number_words_read_back_to_the_same_number(n):
    words = number_words(n)
    assert parse_words(words) == n
    assert not any(ch.isdigit() for ch in words)


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "zero"), (7, "seven"), (20, "twenty"), (21, "twenty-one"), (90, "ninety"),
     (105, "one hundred five"), (1000, "one thousand"), (-3, "minus three")],
)  # fmt: skip
def test_number_words_examples(n, words):
    assert number_words(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [(1, "first"), (2, "second"), (3, "third"), (5, "fifth"), (8, "eighth"), (9, "ninth"),
     (12, "twelfth"), (20, "twentieth"), (21, "twenty-first"), (100, "one hundredth")],
)  # fmt: skip
def test_ordinals(n, words):
    assert ordinal_words(n) == words


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("20", "twenty"),
        ("90/90", "ninety-ninety"),
        ("90/90 hip switches: 8 reps", "ninety-ninety hip switches: eight reps"),
        ("Rest 30s. Next: pelvic tilts", "Rest thirty seconds. Next: pelvic tilts"),
        ("Hold 1 min", "Hold one minute"),
        ("Hold 2 mins", "Hold two minutes"),
        ("Rep 7/12", "Rep seven of twelve"),
        ("2nd side", "second side"),
        ("1,500 steps", "one thousand five hundred steps"),
        ("1.5 km", "one point five km"),
        ("Left side, 3 to go", "Left side, three to go"),
        ("No numbers here.", "No numbers here."),
        ("R2D2 and 10kg stay as written", "R2D2 and 10kg stay as written"),
    ],
)
def test_prompts_read_naturally(text, spoken):
    assert speakable(text) == spoken


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",))))
def test_text_without_digits_is_left_alone(text):
    assert speakable(text) == text
