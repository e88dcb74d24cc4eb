"""Row review of Wikidata office holders: which terms of heads of state and government
are fit for the KB, and why the others are not.

Wikidata is edited by anyone, and its office-holder statements carry vandalism, typos
and half-finished edits (the 2026 world-leaders dump has a monarch of Denmark from 854
with no end, bare-QID labels and "Nayib buke"). Two readers review such rows with the
rules here, so both reject the same rows for the same reasons:
``tools/build_kb.py`` (the bundled dumps, years only) and :mod:`kabar.actors.wikidata`
(``kabar kb update --from-wikidata``, exact days). Each rule returns a short reason, or
None when the row passes.

Dates are ``datetime.date`` for both: a year ``y`` is read as 1 January of ``y``, and an
end is exclusive (the first day the term no longer holds), so a year-only end ``y``
arrives as 1 January of ``y + 1``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TypeVar

__all__ = [
    "MULTI_HOLDER",
    "NAME_PARTICLES",
    "REJECT_HOLDERS",
    "REJECT_POSITIONS",
    "hand_review",
    "label_problem",
    "multi_holder",
    "successor_start",
    "term_problem",
]

# Words that stay lower case inside a personal or organisation name ("Ahmed al-Sharaa",
# "Ursula von der Leyen"); any other lower-case word in a label is a typo or vandalism.
NAME_PARTICLES = frozenset(
    {
        "of", "the", "and", "for", "on", "in", "at", "to", "de", "du", "des", "la", "le",
        "da", "das", "do", "dos", "del", "della", "di", "van", "von", "der", "den", "y",
        "e", "bin", "ibn", "bint", "al", "el", "ul", "wa", "ad", "ud", "as", "ash", "ar",
    }
)  # fmt: skip
# Offices with several holders at once: their open terms do not end each other.
MULTI_HOLDER = ("member of", "captain regent", "council", "presidency", "co-prince")
# Positions whose holders are no heads of state or government of the country given
# (position QID -> reason), found by hand review of the 2026 dump.
REJECT_POSITIONS = {
    "Q166382": "generic 'emir': its holders rule many emirates, listed under Afghanistan",
}
# Holders whose office-holder statements are wrong (holder QID -> reason), found by hand
# review of the 2026 dump; their 2021 rows predate the error.
REJECT_HOLDERS = {
    "Q123342092": "Eswatini's prime minister since 2023 is Russell Mmiso Dlamini",
    "Q5441662": "Tuvalu's prime minister since 2024 is Feleti Teo",
}
# An open term that starts before this is a vandalised or misfiled statement (nobody in
# office today took office in the 19th century).
OLDEST_OPEN_START = dt.date(1900, 1, 1)

_BARE_QID = re.compile(r"Q[0-9]+")

_Day = TypeVar("_Day", int, dt.date)


def label_problem(label: str) -> str | None:
    """Why a person's English label is no usable name, or None.

    Wikidata's label service answers the bare QID when an item has no English label;
    a lower-case word other than a particle is a typo ("Nayib buke").
    """
    if _BARE_QID.fullmatch(label.strip()):
        return "label is a bare QID"
    for word in label.split():
        # "Kim Jong-un" and "Ahmed al-Sharaa" are fine; "Nayib buke" is not.
        if word[0].islower() and word.split("-")[0].lower() not in NAME_PARTICLES:
            return f"label word {word!r} is not capitalised"
    return None


def term_problem(start: dt.date, end: dt.date | None) -> str | None:
    """Why a term's dates cannot be right, or None (``end`` exclusive, None = open)."""
    if start < OLDEST_OPEN_START and end is None:
        return "starts before 1900 but has no end"
    if end is not None and end < start:
        return "ends before it starts"
    if end is not None and end == start:
        return "ends the day it starts"
    return None


def hand_review(position: str, holder: str, *, check_holder: bool = True) -> str | None:
    """The hand-review verdict on a row, or None. ``check_holder=False`` skips the
    per-holder list, whose errors are known to be in the later data only."""
    if check_holder and holder in REJECT_HOLDERS:
        return f"hand review: {REJECT_HOLDERS[holder]}"
    if position in REJECT_POSITIONS:
        return f"hand review: {REJECT_POSITIONS[position]}"
    return None


def multi_holder(office: str) -> bool:
    """Whether an office has several holders at once (by its English label)."""
    lowered = office.lower()
    return any(word in lowered for word in MULTI_HOLDER)


def successor_start(start: _Day, starts: Iterable[_Day]) -> _Day | None:
    """When an open term that began on ``start`` ends: the earliest later start of the
    same single-holder office (Wikidata often lacks the end qualifier of a predecessor),
    or None when nobody took over."""
    return min((other for other in starts if other > start), default=None)
