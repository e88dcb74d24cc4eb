"""Recognise and remove the dateline that opens many news bodies.

A dateline is a place (1-4 words, upper-case or title-case, several joined by
``/``), optionally followed by ``, Region``, a day (``, Oct 12``) and an agency
in brackets (``(Reuters)``), and closed by a colon or a dash::

    BISHKEK: President ...                  -> "BISHKEK"
    MOSCOW, Oct 12 (Reuters) - Russia said  -> "MOSCOW"
    NEW YORK/LONDON -- Stocks fell          -> "NEW YORK/LONDON"
    Kabul, Afghanistan (AP) — A blast ...   -> "Kabul, Afghanistan"

Ordinary sentence starts must survive ("President Putin said: ...",
"However, the ..."), so the pattern is strict and a few checks follow it:
a title-case place counts only with a day or an agency next to it (plain
"Russia, Ukraine: talks" is a sentence), and well-known upper-case labels
("UPDATE:", "EXCLUSIVE -") and sentence openers ("In", "However") are not places.
"""

from __future__ import annotations

import re
from typing import Final

# The fragments below are spliced into a re.VERBOSE pattern: spaces are
# written as "[ ]" so the verbose flag does not drop them.
# A word of a place name: letters, with apostrophes, dots and hyphens inside
# (N'DJAMENA, ST. LOUIS, AL-ARISH, D.C.). Case is checked after matching, since
# Python's re has no class for upper-case letters beyond ASCII.
_WORD: Final = r"[^\W\d_](?:[^\W\d_]|['\u2019.-][^\W\d_])*\.?"
# Lower-case particles inside place names (Rio de Janeiro, Frankfurt am Main).
_PARTICLE: Final = r"(?:de|da|do|dos|das|del|della|di|du|la|le|les|al|el|es|am|an|of|on|upon)"
_PLACE: Final = rf"{_WORD}(?:[ ](?:{_PARTICLE}[ ])?{_WORD}){{0,3}}"
_MONTH: Final = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY: Final = rf"(?:{_MONTH}[ ]\d{{1,2}}|\d{{1,2}}[ ]{_MONTH})(?:,?[ ]\d{{4}})?"
_DATELINE: Final = re.compile(
    rf"""
    (?P<place>{_PLACE}(?:\ ?/\ ?{_PLACE})*)
    (?:,\ (?!{_DAY})(?P<region>{_WORD}(?:\ {_WORD}){{0,2}}))?   # , Afghanistan / , Calif.
    (?:,?\ (?P<day>{_DAY}))?                                   # , Oct 12
    (?:\ ?\((?P<agency>[^()\n]{{1,40}})\))?                    # (Reuters)
    (?:
        :\                                                     # BISHKEK: ...
      | \ ?--?\                                                # LONDON - ... / LONDON -- ...
      | \ ?[\u2014\u2013]\ ?                                    # Kabul (AP) -- ... as em/en dash
    )
    (?=\S)
    """,
    re.VERBOSE,
)

# First words that cannot start a dateline: story labels ("UPDATE:",
# "EXCLUSIVE -") and common sentence openers ("In Moscow, May 9 - ...").
_NOT_PLACES: Final = frozenset(
    {
        "advisory", "alert", "analysis", "breaking", "column", "comment", "commentary",
        "correction", "corrected", "editorial", "exclusive", "explainer", "factbox",
        "feature", "flash", "insight", "interview", "live", "note", "opinion", "photo",
        "photos", "refile", "review", "update", "updated", "urgent", "video", "warning",
        "watch", "wrapup",
        "after", "and", "as", "at", "before", "but", "by", "during", "for", "from",
        "however", "if", "in", "meanwhile", "minister", "mr", "mrs", "ms", "dr", "on",
        "president", "since", "until", "when", "while", "with",
    }
)  # fmt: skip
_PARTICLES: Final = frozenset(_PARTICLE.strip("(?:)").split("|"))


def split_dateline(text: str) -> tuple[str, str]:
    """Split a dateline off the start of ``text``: ``(place, rest)``.

    Without a dateline, returns ``("", text)`` unchanged. Otherwise ``place``
    is the place text (with its region, without day or agency) and ``rest`` is
    ``text`` after the separator, which is never empty.
    """
    match = _DATELINE.match(text)
    if match is None:
        return "", text
    place = match["place"]
    words = [word for word in re.split(r"[ /]+", place) if word not in _PARTICLES]
    if not all(word[0].isupper() for word in words):
        return "", text
    if words[0].lower().rstrip(".") in _NOT_PLACES:
        return "", text
    upper = all(word.isupper() for word in words)
    # No city is named by two letters; "US -", "EU:" open sentences, not datelines.
    if upper and sum(char.isalpha() for char in place) < 3:
        return "", text
    if not upper and not (match["day"] or match["agency"]):
        return "", text
    region = match["region"]
    if region is not None and not all(word[0].isupper() for word in region.split()):
        return "", text
    rest = text[match.end() :]
    return (f"{place}, {region}" if region else place), rest
