"""Resolve one date expression against the publication date: a pure function.

``resolve_date("on Tuesday", published, "past")`` gives the most recent Tuesday
on or before publication, with its precision and the rule that decided it.
Which expression belongs to which event is another module's job
(``kabar.events.dating``); this one only reads the words.

Conventions, so that every output means the same thing:

- A coarse date is the first day of its period: the Monday of an ISO week, the
  first of a month, 1 January of a year. The precision says how much of the
  date to believe.
- Tense sets the direction of an ambiguous expression (a weekday, a day and
  month without a year, a month alone). ``past`` and ``present`` look back,
  because news uses the present for what just happened ("Putin arrives in
  Bishkek"); ``future`` looks forward. A weekday equal to the publication's
  weekday is the publication day itself, except in the future, where it is the
  next one.
- A past-tense event never lands after publication: an expression that would
  put it there ("next week", "tomorrow", a full date after publication) gives
  ``None``. Future-tense events may land on either side.
- Anything not understood gives ``None``, never a guess: durations ("for two
  weeks"), bounds ("since March", "by Friday"), vague amounts ("a few days
  ago"), numeric dates whose order is ambiguous ("10/12/2023"), and a weekday
  that contradicts the date it names ("Monday, Oct. 12, 2023").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from kabar.model import Span

Tense = Literal["past", "present", "future"]
Precision = Literal["day", "week", "month", "year"]
TENSES: tuple[Tense, ...] = ("past", "present", "future")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
WEEKDAY_NAMES = frozenset(_WEEKDAYS)
MONTH_NAMES = frozenset(_MONTHS)
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
# Prepositions that place an event at the date. Others ("since", "until", "by",
# "for", "before", "after") make the expression a bound or a duration, which
# does not date the event itself.
_PLACING_PREPOSITIONS = frozenset({"on", "in", "at", "during", "over", "of"})
_BOUNDING_PREPOSITIONS = frozenset(
    {"since", "until", "till", "by", "for", "before", "after", "from", "through", "within",
     "between", "around", "about", "throughout", "to", "into"}
)  # fmt: skip
# A time of day after a day ("Tuesday night") keeps day precision.
_TIMES_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
_QUALIFIERS = frozenset({"early", "late", "earlier", "later", "mid"})
# A past event whose day and month (no year) fall this close after publication
# is left unresolved rather than put a year back.
_SOON = dt.timedelta(days=31)

_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?P<weekday>" + "|".join(_WEEKDAYS) + ")"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_NUMBER = "(?P<n>" + "|".join(_NUMBERS) + r"|\d{1,3})"

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH_DAY = re.compile(rf"^(?:{_WEEKDAY} )?{_MONTH} {_DAY}(?: {_YEAR})?$")
_DAY_MONTH = re.compile(rf"^(?:{_WEEKDAY} )?(?:the )?{_DAY} (?:of )?{_MONTH}(?: {_YEAR})?$")
_DAY_OF_MONTH = re.compile(r"^the (?P<day>\d{1,2})(?:st|nd|rd|th)$")
_MONTH_ALONE = re.compile(rf"^(?:(?P<rel>last|this|next) )?{_MONTH}(?: {_YEAR})?$")
_YEAR_ALONE = re.compile(rf"^{_YEAR}$")
_WEEKDAY_ALONE = re.compile(rf"^(?:(?P<rel>last|this|next|past) )?{_WEEKDAY}$")
_AGO = re.compile(rf"^{_NUMBER} (?P<unit>day|week|month|year)s? ago$")
_IN_N = re.compile(rf"^{_NUMBER} (?P<unit>day|week|month|year)s?(?: time)?$")
_PERIOD = re.compile(r"^(?P<rel>last|this|next|the past|past) (?P<unit>week|month|year|weekend)$")
_WEEKEND = re.compile(r"^(?:the )?weekend$")
_RELATIVE_DAYS = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "last night": -1,
    "the day before yesterday": -2,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}
_THIS_TIME_OF_DAY = re.compile(r"^this (?:morning|afternoon|evening)$")


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A date read from one expression.

    ``date`` is the first day of the period that ``precision`` names (a Monday
    for ``week``); ``rule`` is a short machine-readable name of the reading
    (``"weekday:most-recent"``); ``span`` is the expression as given, offsets
    shifted by the caller's ``start`` so they can point into an article.
    """

    date: dt.date
    precision: Precision
    rule: str
    span: Span


@dataclass(frozen=True, slots=True)
class _Reading:
    date: dt.date
    precision: Precision
    rule: str


def resolve_date(
    text: str, published: dt.date | None, tense: Tense = "past", *, start: int = 0
) -> ResolvedDate | None:
    """Read ``text`` (a date expression, optionally led by a preposition) as a date.

    ``published`` anchors relative expressions; without it only a full date
    ("12 October 2023", "2023-10-12") or a year resolves. ``start`` is the
    character offset of ``text`` in the caller's document. Returns ``None``
    for anything not understood (see the module docstring).
    """
    words = _normalise(text)
    if words is None:
        return None
    reading = _read(words, published, tense)
    if reading is None:
        return None
    return ResolvedDate(
        reading.date, reading.precision, reading.rule, Span(start, start + len(text), text)
    )


def _normalise(text: str) -> str | None:
    """Lower-case words without punctuation, leading placing preposition, time of day
    and qualifier; ``None`` when a bounding preposition leads (not an event date)."""
    text = text.strip().lower().replace("\u2019", "'")
    iso = _ISO.match(text.removeprefix("on ").strip())
    if iso:
        return iso.group(0)
    text = re.sub(r"'s\b", " ", text)
    text = re.sub(r"[,.;:()\"'\-\u2013\u2014]", " ", text)
    words = text.split()
    if words and words[0] in _BOUNDING_PREPOSITIONS:
        return None
    keep_in = False
    if words and words[0] in _PLACING_PREPOSITIONS:
        # "in two weeks" is a future offset; "in March" is not, and loses "in" below.
        keep_in = words[0] == "in"
        words = words[1:]
    if len(words) > 1 and words[-1] in _TIMES_OF_DAY and words[-2] not in ("last", "this"):
        words = words[:-1]
    if len(words) > 1 and words[0] in _QUALIFIERS:
        words = words[1:]
    joined = " ".join(words)
    if keep_in and _IN_N.match(joined):
        return "in " + joined
    return joined or None


def _read(words: str, published: dt.date | None, tense: Tense) -> _Reading | None:
    """Try each form in turn; the first that matches decides (matching is exclusive)."""
    if iso := _ISO.match(words):
        return _full_date(int(iso[1]), int(iso[2]), int(iso[3]), None, published, tense)
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if m := pattern.match(words):
            month, day = _MONTHS[m["month"]], int(m["day"])
            if m["year"]:
                return _full_date(int(m["year"]), month, day, m["weekday"], published, tense)
            return _month_day(month, day, m["weekday"], published, tense)
    if m := _YEAR_ALONE.match(words):
        return _year(int(m["year"]), published, tense)
    if m := _MONTH_ALONE.match(words):
        return _month_alone(_MONTHS[m["month"]], m["year"], m["rel"], published, tense)
    if published is None:
        # Everything below is relative to the publication date.
        return None
    if words in _RELATIVE_DAYS:
        return _relative_day(words, _RELATIVE_DAYS[words], published, tense)
    if _THIS_TIME_OF_DAY.match(words):
        return _Reading(published, "day", "relative:today")
    if m := _WEEKDAY_ALONE.match(words):
        return _weekday(_WEEKDAYS[m["weekday"]], m["rel"], published, tense)
    if m := _DAY_OF_MONTH.match(words):
        return _day_of_month(int(m["day"]), published, tense)
    if m := _AGO.match(words):
        return _offset(-_number(m["n"]), m["unit"], published, tense, "ago")
    if words.startswith("in ") and (m := _IN_N.match(words[3:])):
        return _offset(_number(m["n"]), m["unit"], published, tense, "in")
    if m := _PERIOD.match(words):
        return _period(m["rel"], m["unit"], published, tense)
    if _WEEKEND.match(words):
        return _period("this", "weekend", published, tense)
    return None


def _number(word: str) -> int:
    return _NUMBERS[word] if word in _NUMBERS else int(word)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 31 June, 29 February of a common year, year 0
        return None


def _full_date(
    year: int, month: int, day: int, weekday: str | None, published: dt.date | None, tense: Tense
) -> _Reading | None:
    date = _safe_date(year, month, day)
    if date is None or (weekday is not None and date.weekday() != _WEEKDAYS[weekday]):
        return None
    if tense == "past" and published is not None and date > published:
        return None
    return _Reading(date, "day", "explicit:full-date")


def _month_day(
    month: int, day: int, weekday: str | None, published: dt.date | None, tense: Tense
) -> _Reading | None:
    """A day and month without a year: the year that puts it on the tense's side."""
    if published is None:
        return None
    years = (published.year, published.year + 1) if tense == "future" else (published.year,)
    years = (published.year - 1, *years)
    candidates = [d for y in years if (d := _safe_date(y, month, day)) is not None]
    if tense == "future":
        chosen = next((d for d in candidates if d >= published), None)
    else:
        soon = [d for d in candidates if published < d <= published + _SOON]
        if soon:
            # "closing on March 6" on 1 March is the coming one with its tense
            # misread, or a misdated article; last year's would be a guess.
            return None
        chosen = max((d for d in candidates if d <= published), default=None)
    if chosen is None or (weekday is not None and chosen.weekday() != _WEEKDAYS[weekday]):
        return None
    side = "next" if tense == "future" else "most-recent"
    return _Reading(chosen, "day", f"explicit:month-day:{side}")


def _year(year: int, published: dt.date | None, tense: Tense) -> _Reading | None:
    if not 1000 <= year <= 2999:
        return None
    if tense == "past" and published is not None and year > published.year:
        return None
    return _Reading(dt.date(year, 1, 1), "year", "explicit:year")


def _month_alone(
    month: int, year: str | None, rel: str | None, published: dt.date | None, tense: Tense
) -> _Reading | None:
    if year is not None:
        if rel is not None:
            return None  # "last March 2023" is not English
        first = dt.date(int(year), month, 1)
        if tense == "past" and published is not None and first > published:
            return None
        return _Reading(first, "month", "explicit:month-year")
    if published is None:
        return None
    this_year = dt.date(published.year, month, 1)
    last_year, next_year = (
        dt.date(published.year - 1, month, 1),
        dt.date(published.year + 1, month, 1),
    )
    if rel == "this":
        if tense == "past" and this_year > published:
            return None
        return _Reading(this_year, "month", "month:this-year")
    if rel == "last" or (rel is None and tense != "future"):
        # "in March" said in March is this March; "last March" said in March is a year ago.
        newest = month <= published.month if rel is None else month < published.month
        return _Reading(this_year if newest else last_year, "month", "month:most-recent")
    if tense == "past":
        return None  # "next March" cannot date a past event
    # "in March" of a future event said in March is this one; "next March" is not.
    coming = month >= published.month if rel is None else month > published.month
    return _Reading(this_year if coming else next_year, "month", "month:next")


def _relative_day(words: str, days: int, published: dt.date, tense: Tense) -> _Reading | None:
    if days > 0 and tense == "past":
        return None
    return _Reading(
        published + dt.timedelta(days=days), "day", f"relative:{words.replace(' ', '-')}"
    )


def _weekday(weekday: int, rel: str | None, published: dt.date, tense: Tense) -> _Reading | None:
    """The weekday on the tense's side; the publication's own weekday is that day,
    except for the future ("will meet on Thursday", said on a Thursday, is next week)."""
    back = (published.weekday() - weekday) % 7  # days since the most recent one, 0 = today
    ahead = (weekday - published.weekday()) % 7
    if rel == "next" or (rel in (None, "this") and tense == "future"):
        if tense == "past":
            return None
        return _Reading(published + dt.timedelta(days=ahead or 7), "day", "weekday:next")
    if rel in ("last", "past"):
        # "last Tuesday" said on a Tuesday is a week ago, not today.
        return _Reading(published - dt.timedelta(days=back or 7), "day", "weekday:last")
    rule = "weekday:publication-day" if back == 0 else "weekday:most-recent"
    return _Reading(published - dt.timedelta(days=back), "day", rule)


def _day_of_month(day: int, published: dt.date, tense: Tense) -> _Reading | None:
    """A day of the month alone ("on the 12th"): the nearest on the tense's side."""
    year, month = published.year, published.month
    step = 1 if tense == "future" else -1
    for _ in range(3):  # a 31st may need to skip a short month
        candidate = _safe_date(year, month, day)
        if candidate is not None and (
            candidate >= published if tense == "future" else candidate <= published
        ):
            side = "next" if tense == "future" else "most-recent"
            return _Reading(candidate, "day", f"day-of-month:{side}")
        year, month = _add_months(year, month, step)
    return None


def _offset(n: int, unit: str, published: dt.date, tense: Tense, how: str) -> _Reading | None:
    """The period n units away: "3 days ago", "two weeks ago", "in two weeks"."""
    if n > 0 and tense == "past":
        return None
    rule = f"relative:{how}:{unit}"
    if unit == "day":
        return _Reading(published + dt.timedelta(days=n), "day", rule)
    if unit == "week":
        return _Reading(_monday(published + dt.timedelta(weeks=n)), "week", rule)
    if unit == "month":
        year, month = _add_months(published.year, published.month, n)
        return _Reading(dt.date(year, month, 1), "month", rule)
    return _Reading(dt.date(published.year + n, 1, 1), "year", rule)


def _period(rel: str, unit: str, published: dt.date, tense: Tense) -> _Reading | None:
    """A named period: "last week", "this month", "next year", "over the weekend"."""
    step = {"last": -1, "past": -1, "the past": -1, "this": 0, "next": 1}[rel]
    if rel in ("past", "the past") and unit != "weekend":
        # "the past week" is the seven days up to publication, not a calendar week.
        return None
    if step > 0 and tense == "past":
        return None
    rule = f"period:{rel.replace('the ', '')}-{unit}"
    if unit == "weekend":
        # The most recent weekend (or, ahead, the coming one), dated by its ISO week.
        saturday_back = (published.weekday() - 5) % 7
        if step > 0 or (step == 0 and tense == "future"):
            saturday = published + dt.timedelta(days=(5 - published.weekday()) % 7 or 7)
        else:
            saturday = published - dt.timedelta(days=saturday_back)
            if step < 0 and published.weekday() >= 5:
                saturday -= dt.timedelta(days=7)  # "last weekend" said during one
        return _Reading(_monday(saturday), "week", rule)
    if unit == "week":
        return _Reading(_monday(published + dt.timedelta(weeks=step)), "week", rule)
    if unit == "month":
        year, month = _add_months(published.year, published.month, step)
        return _Reading(dt.date(year, month, 1), "month", rule)
    return _Reading(dt.date(published.year + step, 1, 1), "year", rule)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1
