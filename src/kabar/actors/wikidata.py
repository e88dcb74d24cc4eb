"""``kabar kb update --from-wikidata``: refresh the heads of state and government of every
country from the public Wikidata query service, installed as a user dictionary.

The bundled KB knows office holders up to its build; this optional, online step brings
them up to date, to the day. The steps are plain functions, run in this order by
:func:`update_from_wikidata`:

1. :func:`sparql_query`: every P39 (position held) statement whose position is a
   country's head-of-state office (P1906) or head-of-government office (P1313), with the
   start (P580) and end (P582) qualifiers and their precision, the person's English label
   and the country's ISO 3166 alpha-3 code (P298). Terms that ended before ``since``
   (default 1990) are left out, which keeps the answer to a few thousand rows.
2. :func:`fetch_results`: one POST with the standard library, with a User-Agent that
   names kabar (Wikidata's policy refuses anonymous clients) and a timeout. Every
   failure is a one-line :class:`RemoteError` naming the endpoint and what to do.
3. :func:`parse_results`: SPARQL 1.1 JSON results into :class:`WikidataRow` records.
4. :func:`review_rows`: the row review shared with ``tools/build_kb.py``
   (:mod:`kabar.actors.office_review`), plus what only live rows need (ISO3 code, date
   precision), into :class:`OfficeTerm` records and :class:`RejectedRow` reasons.
5. :func:`merge_terms`: one dictionary entry per person, layered over the bundled KB.
6. The entries are written in the curated format (``parse_curated``) to
   ``$KABAR_HOME/kb/00-wikidata.yaml``, atomically, after loading the whole KB with them
   succeeded; :class:`UpdateReport` says what changed against the KB before.

Dates: Wikidata's end date is the day the successor takes over (Biden's term ends
2025-01-20, Trump's starts that day), so it is used as the exclusive end as it is. A
start or end known only to the month or year covers the whole month or year, as the
bundled year-precision rows do; coarser dates are rejected.

A dictionary entry replaces the roles of the KB actor it names (see
``kabar.actors.kb.overlay``), so an entry keeps that actor's bundled roles and drops
only those a live term supersedes: same country, same office, overlapping dates. The
file sorts first among the user dictionaries, so the user's own ones still win.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import re
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from kabar import __version__
from kabar.actors.countries import CountryTable, load_country_table
from kabar.actors.kb import (
    KbActor,
    KnowledgeBase,
    Tenure,
    load_kb,
    name_key,
    overlay,
    parse_curated,
    read_kb,
    user_dictionaries,
    user_kb_dir,
)
from kabar.actors.office_review import (
    hand_review,
    label_problem,
    multi_holder,
    successor_start,
    term_problem,
)
from kabar.errors import ConfigError, RemoteError, ResourceError

__all__ = [
    "DEFAULT_ENDPOINT",
    "DEFAULT_TIMEOUT",
    "WIKIDATA_FILE",
    "OfficeTerm",
    "RejectedRow",
    "Review",
    "RoleChange",
    "UpdateReport",
    "WikidataRow",
    "fetch_results",
    "format_report",
    "merge_terms",
    "parse_results",
    "review_rows",
    "sparql_query",
    "update_from_wikidata",
]

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
# The public service stops a query after 60 s; waiting longer than that gains nothing.
DEFAULT_TIMEOUT = 90.0
# Terms that ended before this year are history the bundled KB already has.
SINCE_YEAR = 1990
# The installed dictionary. "00-" sorts it before the user's own dictionaries, which
# are layered later and so win over it.
WIKIDATA_FILE = "00-wikidata.yaml"
# The answer is a few MB; a body far beyond that is no answer to this query.
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
# Role source and trust: as high as the reviewed 2021 snapshot, below hand curation.
LIVE_SOURCE = "wikidata-live"
LIVE_CONFIDENCE = 0.9
# Wikidata's User-Agent policy: name the tool, its version and what it does; clients
# that send a library's default agent are throttled or refused.
USER_AGENT = (
    f"kabar/{__version__} (political event data from news; office-holder refresh by "
    f"`kabar kb update --from-wikidata`, one query per run) Python-urllib/{sys.version_info[0]}."
    f"{sys.version_info[1]}"
)

_ENTITY = "http://www.wikidata.org/entity/"
_QID = re.compile(r"Q[1-9][0-9]*")
# xsd:dateTime as Wikidata writes it: "2021-01-28T00:00:00Z", years may be signed.
_DATETIME = re.compile(r"([+-]?)(\d{1,9})-(\d{2})-(\d{2})T")
_PRECISION_YEAR, _PRECISION_MONTH, _PRECISION_DAY = 9, 10, 11
_NEEDED_VARS = ("country", "position", "person", "start")

ChangeKind = Literal["added", "ended", "redated"]


def sparql_query(since: int = SINCE_YEAR) -> str:
    """The SPARQL query of the refresh: one row per term of a head of state or
    government of a sovereign state or a state with limited recognition, whose term is
    open or ended in ``since`` or later."""
    return f"""# kabar kb update --from-wikidata: heads of state and government, with terms
SELECT DISTINCT ?country ?countryLabel ?iso3 ?position ?positionLabel ?person ?personLabel
       ?start ?startPrecision ?end ?endPrecision
WHERE {{
  VALUES ?countryType {{ wd:Q3624078 wd:Q15634554 }}
  ?country wdt:P31 ?countryType ;
           wdt:P1906|wdt:P1313 ?position .
  OPTIONAL {{ ?country wdt:P298 ?iso3 . }}
  ?person wdt:P31 wd:Q5 ;
          p:P39 ?held .
  ?held ps:P39 ?position ;
        pqv:P580 [ wikibase:timeValue ?start ; wikibase:timePrecision ?startPrecision ] .
  OPTIONAL {{
    ?held pqv:P582 [ wikibase:timeValue ?end ; wikibase:timePrecision ?endPrecision ] .
  }}
  FILTER NOT EXISTS {{ ?held wikibase:rank wikibase:DeprecatedRank . }}
  FILTER(!BOUND(?end) || YEAR(?end) >= {since})
  SERVICE wikibase:label {{ bd:serviceParam wikibase:language "en" . }}
}}
"""


# ---------------------------------------------------------------------------- fetch


def fetch_results(endpoint: str, query: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The body of the endpoint's answer to ``query`` (a POST, as the query is long).

    Raises ConfigError for an endpoint that is no http(s) URL or a timeout that is not
    positive, and RemoteError, naming the endpoint and what to do, when it cannot be
    reached, does not answer within ``timeout`` seconds or answers an HTTP error.
    """
    try:
        parts = urllib.parse.urlsplit(endpoint)
    except ValueError as exc:  # "http://[::1": an unclosed IPv6 address
        raise ConfigError(f"--endpoint {endpoint!r} is no valid URL ({exc})") from exc
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"--endpoint {endpoint!r} is no http(s) URL; pass a SPARQL endpoint")
    if not timeout > 0:
        raise ConfigError(f"--timeout {timeout} must be a positive number of seconds")
    request = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode({"query": query}).encode("utf-8"),
        method="POST",
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": USER_AGENT,
        },
    )
    kept = "the installed dictionary is unchanged"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body: bytes = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise RemoteError(_http_problem(endpoint, exc) + f"; {kept}") from exc
    except (TimeoutError, urllib.error.URLError, OSError) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, TimeoutError):
            raise RemoteError(
                f"the Wikidata endpoint {endpoint} did not answer within {timeout:g} s; "
                f"try again later or raise --timeout; {kept}"
            ) from exc
        raise RemoteError(
            f"cannot reach the Wikidata endpoint {endpoint} ({reason}); check the network "
            f"connection or pass --endpoint URL; {kept}"
        ) from exc
    except http.client.HTTPException as exc:
        # A connection that breaks mid-answer (IncompleteRead) or speaks no HTTP.
        raise RemoteError(
            f"the Wikidata endpoint {endpoint} broke off its answer ({exc!r}); try again "
            f"later; {kept}"
        ) from exc
    except ValueError as exc:  # http.client.InvalidURL: a bad port or host
        raise ConfigError(f"--endpoint {endpoint!r} is no valid URL ({exc})") from exc
    if len(body) > MAX_RESPONSE_BYTES:
        raise RemoteError(
            f"the Wikidata endpoint {endpoint} answered more than "
            f"{MAX_RESPONSE_BYTES // 2**20} MB, which is no answer to kabar's query; "
            f"check --endpoint; {kept}"
        )
    return body


def _http_problem(endpoint: str, exc: urllib.error.HTTPError) -> str:
    said = f"the Wikidata endpoint {endpoint} answered HTTP {exc.code} ({exc.reason})"
    if exc.code == 429:
        wait = exc.headers.get("Retry-After") if exc.headers else None
        later = f"wait {wait} s" if wait else "wait a minute"
        return f"{said}: too many requests; {later} and run the update again"
    if exc.code >= 500:
        return f"{said}: the query service failed or is overloaded; try again in a few minutes"
    return f"{said}: the query was refused; check that --endpoint is a SPARQL endpoint"


# ---------------------------------------------------------------------------- parse


@dataclass(frozen=True, slots=True)
class WikidataRow:
    """One result row as Wikidata gave it, before review.

    QIDs (``country``, ``position``, ``holder``) are bare (``Q7747``), or ``""`` when the
    binding is missing or no Wikidata item. ``label`` is the person's English label (the
    label service gives the bare QID when there is none), ``iso3`` the country's P298
    code or ``""``. ``start`` and ``end`` are the xsd:dateTime texts (``end`` ``""`` when
    the term is open) and the precisions Wikidata's numbers (9 year, 10 month, 11 day;
    11 when the answer has none).
    """

    country: str
    country_label: str
    iso3: str
    position: str
    office: str
    holder: str
    label: str
    start: str
    start_precision: int
    end: str
    end_precision: int

    def describe(self) -> str:
        """The row in a few words, for reports: holder, label, office and dates."""
        dates = f"{self.start[:10]}..{self.end[:10]}"
        return f"{self.holder or '?'} {self.label!r} {self.office or self.position} {dates}"


def parse_results(body: bytes, endpoint: str) -> tuple[WikidataRow, ...]:
    """The rows of a SPARQL 1.1 JSON results document (``head.vars``,
    ``results.bindings``). Raises RemoteError naming ``endpoint`` when the body is no
    such document or lacks the variables of :func:`sparql_query`."""
    fix = "check that --endpoint is a SPARQL endpoint; the installed dictionary is unchanged"
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        start = body[:40].decode("utf-8", "replace").strip()
        raise RemoteError(
            f"the Wikidata endpoint {endpoint} did not answer SPARQL JSON (it begins "
            f"{start!r}: {exc}); {fix}"
        ) from exc
    head = data.get("head") if isinstance(data, dict) else None
    results = data.get("results") if isinstance(data, dict) else None
    variables = head.get("vars") if isinstance(head, dict) else None
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(variables, list) or not isinstance(bindings, list):
        raise RemoteError(
            f"the Wikidata endpoint {endpoint} answered JSON without head.vars and "
            f"results.bindings, so no SPARQL results; {fix}"
        )
    missing = [name for name in _NEEDED_VARS if name not in variables]
    if missing:
        raise RemoteError(
            f"the Wikidata endpoint {endpoint} answered results without {missing}, so not "
            f"kabar's query; {fix}"
        )
    return tuple(_row(binding) for binding in bindings if isinstance(binding, dict))


def _value(binding: dict[str, Any], name: str) -> str:
    term = binding.get(name)
    value = term.get("value") if isinstance(term, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _item(binding: dict[str, Any], name: str) -> str:
    value = _value(binding, name)
    qid = value[len(_ENTITY) :] if value.startswith(_ENTITY) else ""
    return qid if _QID.fullmatch(qid) else ""


def _precision(binding: dict[str, Any], name: str) -> int:
    value = _value(binding, name)
    return int(value) if value.isdigit() else _PRECISION_DAY


def _row(binding: dict[str, Any]) -> WikidataRow:
    holder = _item(binding, "person")
    return WikidataRow(
        country=_item(binding, "country"),
        country_label=_value(binding, "countryLabel"),
        iso3=_value(binding, "iso3").upper(),
        position=_item(binding, "position"),
        office=_value(binding, "positionLabel"),
        holder=holder,
        # No label at all reads like the label service's answer for an unlabelled item.
        label=_value(binding, "personLabel") or holder,
        start=_value(binding, "start"),
        start_precision=_precision(binding, "startPrecision"),
        end=_value(binding, "end"),
        end_precision=_precision(binding, "endPrecision"),
    )


# ---------------------------------------------------------------------------- review


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    """A reviewed term of a head of state or government.

    ``holder`` and ``position`` are QIDs; ``country`` is an ISO3 code of kabar's country
    table and ``code`` its CAMEO code with GOV; ``label`` passed
    :func:`~kabar.actors.office_review.label_problem`; ``office`` is the position's
    label, capitalised. ``end`` is exclusive (None while in office) and after ``start``.
    """

    holder: str
    label: str
    country: str
    code: str
    position: str
    office: str
    start: dt.date
    end: dt.date | None

    def role(self) -> Tenure:
        """The term as a KB role."""
        return Tenure(
            self.country,
            "GOV",
            self.office,
            self.start,
            self.end,
            LIVE_SOURCE,
            LIVE_CONFIDENCE,
            self.code,
        )


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A result row left out, described by :meth:`WikidataRow.describe`, and why."""

    row: str
    reason: str


@dataclass(frozen=True, slots=True)
class Review:
    """The outcome of :func:`review_rows`: terms sorted by (position, start, holder),
    rejected rows in answer order, and notes on terms that were changed (an open term
    ended when a successor took office)."""

    terms: tuple[OfficeTerm, ...]
    rejected: tuple[RejectedRow, ...]
    notes: tuple[str, ...]


def review_rows(rows: Iterable[WikidataRow], table: CountryTable | None = None) -> Review:
    """Reviewed terms and rejected rows (the rules of :mod:`kabar.actors.office_review`,
    then country and label checks); open terms of single-holder offices end when a later
    holder starts, as in ``tools/build_kb.py``. Duplicate rows count once."""
    table = table or load_country_table()
    terms: dict[tuple[str, str, dt.date, dt.date | None], OfficeTerm] = {}
    rejected: list[RejectedRow] = []
    for row in rows:
        outcome = _review(row, table)
        if isinstance(outcome, str):
            rejected.append(RejectedRow(row.describe(), outcome))
        else:
            terms.setdefault(
                (outcome.holder, outcome.position, outcome.start, outcome.end), outcome
            )
    ordered = sorted(terms.values(), key=lambda t: (t.position, t.start, t.holder))
    ended, notes = _end_open_terms(ordered)
    return Review(tuple(ended), tuple(rejected), tuple(notes))


def _review(row: WikidataRow, table: CountryTable) -> OfficeTerm | str:
    """The row as a term, or why it is rejected (the first reason found)."""
    if not (row.holder and row.position and row.country):
        return "person, position or country is no Wikidata item"
    start = _day(row.start, row.start_precision, end=False)
    end = _day(row.end, row.end_precision, end=True) if row.end else None
    if isinstance(start, str):
        return f"start {start}"
    if isinstance(end, str):
        return f"end {end}"
    why = term_problem(start, end) or hand_review(row.position, row.holder)
    if why:
        return why
    where = f"{row.country_label or row.country} ({row.country})"
    if not row.iso3:
        return f"{where} has no ISO 3166 alpha-3 code (P298)"
    country = table.get(row.iso3)
    if country is None:
        return f"{where}: {row.iso3} is not a country of kabar's country table"
    why = label_problem(row.label)
    if why:
        return why
    office = row.office[:1].upper() + row.office[1:] if row.office else ""
    if not office or _QID.fullmatch(office):
        office = ""  # an unlabelled position: the role keeps its code and dates
    return OfficeTerm(
        row.holder, row.label, country.iso3, f"{country.cameo}GOV", row.position, office,
        start, end,
    )  # fmt: skip


def _day(text: str, precision: int, *, end: bool) -> dt.date | str:
    """A dateTime as a date (an end: the exclusive end), or the problem as text."""
    match = _DATETIME.match(text)
    if match is None:
        return f"{text!r} is no date"
    sign, year_text, month_text, day_text = match.groups()
    year, month, day = int(year_text), int(month_text), int(day_text)
    if sign == "-" or not dt.MINYEAR <= year < dt.MAXYEAR:
        return f"{text!r} is outside the years kabar can hold"
    if precision < _PRECISION_YEAR:
        return f"{text!r} is only known to the decade or coarser (precision {precision})"
    try:
        if precision == _PRECISION_YEAR:
            return dt.date(year + 1 if end else year, 1, 1)
        if precision == _PRECISION_MONTH:
            first = dt.date(year, month, 1)
            if not end:
                return first
            return dt.date(year + month // 12, month % 12 + 1, 1)
        return dt.date(year, month, day)
    except ValueError:
        return f"{text!r} is no calendar date"


def _end_open_terms(terms: list[OfficeTerm]) -> tuple[list[OfficeTerm], list[str]]:
    by_position: dict[str, list[OfficeTerm]] = defaultdict(list)
    for term in terms:
        by_position[term.position].append(term)
    out: list[OfficeTerm] = []
    notes: list[str] = []
    for position_terms in by_position.values():
        starts = [term.start for term in position_terms]
        for term in position_terms:
            successor = None
            if term.end is None and not multi_holder(term.office):
                successor = successor_start(term.start, starts)
            if successor is None:
                out.append(term)
                continue
            notes.append(
                f"open term of {term.label} ({term.holder}) as {term.office} from "
                f"{term.start} ends {successor}, when a later holder starts"
            )
            out.append(
                OfficeTerm(
                    term.holder, term.label, term.country, term.code, term.position,
                    term.office, term.start, successor,
                )
            )  # fmt: skip
    return out, notes


# ---------------------------------------------------------------------------- merge


def merge_terms(
    terms: Sequence[OfficeTerm], baseline: KnowledgeBase
) -> tuple[list[KbActor], list[str]]:
    """One dictionary entry per person of ``terms``, and notes, against ``baseline`` (the
    bundled KB).

    A person the baseline knows by QID keeps its id, name, kind and members, and its
    roles except those a term supersedes (same country and office, overlapping dates);
    the Wikidata label joins the aliases when it is a new name. A person it does not
    know by QID takes over the one baseline person without a QID whose name is the
    label exactly and who has a role in the term's country (Phoenix people: Boris
    Yeltsin), else becomes a new ``wd:`` actor.
    """
    by_holder: dict[str, list[OfficeTerm]] = defaultdict(list)
    for term in terms:
        by_holder[term.holder].append(term)
    entries: list[KbActor] = []
    notes: list[str] = []
    for qid, holder_terms in sorted(by_holder.items()):
        label = holder_terms[0].label
        live = [term.role() for term in holder_terms]
        known = baseline.by_qid(qid)
        if known is None:
            known = _same_person(baseline, label, {term.country for term in holder_terms})
            if known is not None:
                notes.append(f"{qid} {label!r} is {known.id} of the bundled KB (same name)")
        if known is None:
            entries.append(KbActor(f"wd:{qid}", label, "person", qid, (), _sorted(live)))
            continue
        kept = [role for role in known.roles if not any(_supersedes(t, role) for t in live)]
        names = {name_key(name) for name in known.names()}
        aliases = () if name_key(label) in names else (label,)
        entries.append(
            KbActor(
                known.id,
                known.name,
                known.kind,
                qid,
                aliases,
                _sorted([*kept, *live]),
                known.members,
            )
        )
    return entries, notes


def _same_person(kb: KnowledgeBase, label: str, countries: set[str]) -> KbActor | None:
    found = {
        candidate.actor.id: candidate.actor
        for candidate in kb.get_candidates(label, None)
        if candidate.match == "alias"
        and candidate.actor.kind == "person"
        and candidate.actor.qid is None
        and any(role.country in countries for role in candidate.actor.roles)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _same_office(one: Tenure, other: Tenure) -> bool:
    return one.country == other.country and name_key(one.office) == name_key(other.office)


def _overlap(one: Tenure, other: Tenure) -> bool:
    first = max(one.start or dt.date.min, other.start or dt.date.min)
    last = min(one.end or dt.date.max, other.end or dt.date.max)
    return first < last


def _supersedes(live: Tenure, role: Tenure) -> bool:
    return bool(role.office) and _same_office(live, role) and _overlap(live, role)


def _sorted(roles: Iterable[Tenure]) -> tuple[Tenure, ...]:
    unique = {(r.country, r.sector, r.code, r.office, r.start, r.end, r.source): r for r in roles}
    return tuple(
        sorted(
            unique.values(),
            key=lambda r: (
                r.start or dt.date.min,
                r.end or dt.date.max,
                r.country,
                r.office,
                r.code,
                r.source,
            ),
        )
    )


# ---------------------------------------------------------------------------- write


_HEADER = """\
# Heads of state and government from Wikidata (CC0 1.0), installed by
# `kabar kb update --from-wikidata`. Do not edit: the next update replaces this file;
# put corrections in a dictionary of your own (`kabar kb add`), which is layered later.
# Entries keep the bundled KB's other roles of each person (see kabar.actors.wikidata).
"""


def render_dictionary(entries: Sequence[KbActor]) -> str:
    """The entries in the curated format, deterministic: the same entries give the
    same bytes."""
    actors = []
    for actor in sorted(entries, key=lambda a: a.id):
        actors.append(
            {
                "id": actor.id,
                "name": actor.name,
                "kind": actor.kind,
                "qid": actor.qid,
                "aliases": list(actor.aliases),
                "roles": [
                    {
                        "country": role.country,
                        "sector": role.sector,
                        "office": role.office,
                        "start": role.start,
                        "end": role.end,
                        "code": role.code,
                        "source": role.source,
                        "confidence": role.confidence,
                    }
                    for role in actor.roles
                ],
                "members": list(actor.members),
            }
        )
    body = yaml.safe_dump(
        {"version": "wikidata", "actors": actors},
        sort_keys=False, allow_unicode=True, width=100, default_flow_style=False,
    )  # fmt: skip
    return _HEADER + body


# ---------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class RoleChange:
    """A role of a person that the update added, ended or re-dated, against the KB as
    loaded before it (``actor`` is the KB id, ``role`` the role now)."""

    actor: str
    name: str
    role: Tenure
    change: ChangeKind


@dataclass(frozen=True, slots=True)
class UpdateReport:
    """What an update did. ``path`` is the installed dictionary; ``rows`` the result rows
    read, ``terms`` those kept after review, ``actors`` the entries written. The changes
    compare the KB before and after: ``actors_added`` are ``(id, name)`` of people it did
    not have; an empty report means nothing changed (the file was rewritten as it was)."""

    endpoint: str
    path: Path
    rows: int
    terms: int
    actors: int
    actors_added: tuple[tuple[str, str], ...]
    roles: tuple[RoleChange, ...]
    rejected: tuple[RejectedRow, ...]
    notes: tuple[str, ...]

    def changes(self, kind: ChangeKind) -> tuple[RoleChange, ...]:
        """The role changes of one kind."""
        return tuple(change for change in self.roles if change.change == kind)

    @property
    def changed(self) -> bool:
        """Whether the KB differs from before the update."""
        return bool(self.actors_added or self.roles)


def _role_changes(before: KnowledgeBase, after: Sequence[KbActor]) -> Iterator[RoleChange]:
    for actor in after:
        old = before.get(actor.id) or (before.by_qid(actor.qid) if actor.qid else None)
        old_roles = old.roles if old is not None else ()
        same = {(r.country, name_key(r.office), r.start, r.end) for r in old_roles}
        for role in actor.roles:
            if role.source != LIVE_SOURCE:
                continue
            if (role.country, name_key(role.office), role.start, role.end) in same:
                continue
            matching = [r for r in old_roles if _same_office(r, role) and _overlap(r, role)]
            if not matching:
                kind: ChangeKind = "added"
            elif role.end is not None and any(r.end is None for r in matching):
                kind = "ended"
            else:
                kind = "redated"
            yield RoleChange(actor.id, actor.name, role, kind)


def format_report(report: UpdateReport, limit: int = 20) -> str:
    """The report as lines for a terminal: counts, then up to ``limit`` lines of each
    kind of change and every rejected row."""
    lines = [
        f"read {report.rows} rows from {report.endpoint}: {report.terms} terms kept, "
        f"{len(report.rejected)} rows rejected; installed {report.actors} people as "
        f"{report.path}",
    ]
    if not report.changed:
        lines.append("no change: the knowledge base already had these terms")
    lines.append(
        f"{len(report.actors_added)} actors added, {len(report.changes('added'))} roles "
        f"added, {len(report.changes('ended'))} roles ended, "
        f"{len(report.changes('redated'))} roles re-dated"
    )
    for actor_id, name in report.actors_added[:limit]:
        lines.append(f"  new actor  {actor_id}  {name}")
    for kind in ("ended", "added", "redated"):
        changes = report.changes(kind)
        for change in changes[:limit]:
            role = change.role
            lines.append(
                f"  {kind:<8}  {change.name} ({change.actor}): {role.country} {role.label()}"
            )
        if len(changes) > limit:
            lines.append(f"  ... and {len(changes) - limit} more {kind}")
    for rejected in report.rejected:
        lines.append(f"  rejected  {rejected.row}: {rejected.reason}")
    lines.extend(f"  note      {note}" for note in report.notes[:limit])
    return "\n".join(lines)


# ---------------------------------------------------------------------------- update


def update_from_wikidata(
    endpoint: str = DEFAULT_ENDPOINT, timeout: float = DEFAULT_TIMEOUT, since: int = SINCE_YEAR
) -> UpdateReport:
    """Fetch, review and install the office holders (see the module docstring).

    The previously installed dictionary is replaced only when everything succeeded:
    any RemoteError (endpoint unreachable, timeout, HTTP error, no SPARQL JSON), an
    answer with no usable term, or a KB that does not load with the new file leaves
    it as it was. Later :func:`~kabar.actors.kb.load_kb` calls, in this process too,
    layer the new file.
    """
    body = fetch_results(endpoint, sparql_query(since), timeout)
    rows = parse_results(body, endpoint)
    review = review_rows(rows)
    if not review.terms:
        raise RemoteError(
            f"the Wikidata endpoint {endpoint} answered {len(rows)} rows and none passed "
            "review, so there is nothing to install; check --endpoint; the installed "
            "dictionary is unchanged"
        )
    target = user_kb_dir() / WIKIDATA_FILE
    others = [path for path in user_dictionaries() if path.name != WIKIDATA_FILE]
    with ExitStack() as stack:
        baseline = read_kb(_bundled_curated(stack))
    # Without user dictionaries the KB before the update is the bundled one: one load saved.
    before = read_kb() if user_dictionaries() else baseline
    entries, notes = merge_terms(review.terms, baseline)
    text = render_dictionary(entries)
    _check_loads(baseline, text, target, others)
    temporary = _write_temporary(target, text)
    try:
        temporary.replace(target)  # atomic: a half-written file is never loaded
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ResourceError(
            f"cannot install {target} ({exc.strerror}); set KABAR_HOME to a writable folder"
        ) from exc
    load_kb.cache_clear()
    added = tuple(
        (entry.id, entry.name)
        for entry in entries
        if before.get(entry.id) is None and (entry.qid is None or before.by_qid(entry.qid) is None)
    )
    return UpdateReport(
        endpoint=endpoint,
        path=target,
        rows=len(rows),
        terms=len(review.terms),
        actors=len(entries),
        actors_added=added,
        roles=tuple(_role_changes(before, entries)),
        rejected=review.rejected,
        notes=(*review.notes, *notes),
    )


def _check_loads(baseline: KnowledgeBase, text: str, target: Path, others: Sequence[Path]) -> None:
    """Raise ResourceError unless the KB loads with ``text`` installed as ``target``: the
    layers of :func:`~kabar.actors.kb.read_kb` over the bundled KB, ``text`` first, then
    the user's other dictionaries. A file load_kb would refuse is never installed."""
    actors = overlay(baseline.actors(), parse_curated(text, str(target)), str(target))
    for path in others:
        try:
            other = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ResourceError(f"{path}: cannot read curated KB file ({exc})") from exc
        actors = overlay(actors, parse_curated(other, str(path)), str(path))
    try:
        KnowledgeBase(actors)
    except ValueError as exc:
        raise ResourceError(
            f"the KB would not load with the refreshed {target} ({exc}); fix or remove the "
            "dictionary named; the installed dictionary is unchanged"
        ) from exc


def _bundled_curated(stack: ExitStack) -> list[Path]:
    """The bundled curated file as a path (a list: empty when kabar ships none)."""
    bundled = resources.files("kabar") / "data" / "kb" / "curated.yaml"
    if not bundled.is_file():
        return []
    return [stack.enter_context(resources.as_file(bundled))]


def _write_temporary(target: Path, text: str) -> Path:
    """``text`` in a new file beside ``target`` (same file system, so the rename is
    atomic); its name does not end in .yaml, so no KB load picks it up."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except OSError as exc:
        raise ResourceError(
            f"cannot write into {target.parent} ({exc.strerror}); set KABAR_HOME to a "
            "writable folder"
        ) from exc
    return Path(name)
