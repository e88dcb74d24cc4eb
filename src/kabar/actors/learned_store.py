"""The learned layer: claims read from the news, kept in their own SQLite file.

The file is ``learned.sqlite3`` beside the user dictionaries (``$KABAR_HOME``, see
:func:`learned_path`). It is never the KB: the bundled data and the user's
dictionaries are not touched by learning; an entry reaches the KB only when a
person reviews it and promotes it (:mod:`kabar.actors.learned_review`).

An *entry* is one (person, country, title) triple. Spellings of one name that
:func:`~kabar.actors.kb.variant_key` joins ("Sadyr Japarov", "Sadyr Zhaparov")
share entries; the entry shows the spelling seen most. Each entry keeps its
evidence rows (article, sentence, date), and its ``count`` (distinct articles),
``first_seen`` and ``last_seen`` are worked out from them, so recording the same
article twice changes nothing. Conflicting entries for one name (another office
or country) stay side by side, ranked by :func:`rank_entries`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kabar.actors.kb import name_key, user_kb_dir, variant_key
from kabar.actors.learned import Claim
from kabar.errors import LearnedStoreError

__all__ = [
    "RECENT_DAYS",
    "LearnedEntry",
    "LearnedStore",
    "RankedEntry",
    "learned_path",
    "rank_entries",
]

_FILE = "learned.sqlite3"

# Within this many days of a name's newest claim, claims count as equally current
# and support decides; older ones are stale. A month: offices change rarely, but a
# reshuffle must win over years of reports of the previous post.
RECENT_DAYS = 30

# Migrations, in order, each recorded in `migrations` once applied. Every column
# has a one-line comment.
_MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001-entries-and-evidence",
        """
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,      -- row id, internal
            key TEXT NOT NULL UNIQUE,    -- 'sadyr-japarov/KGZ/president': what promote takes
            name_group TEXT NOT NULL,    -- variant_key of the name: its spellings share it
            name TEXT NOT NULL,          -- the spelling seen in most evidence rows
            country TEXT NOT NULL,       -- ISO3 code
            sector TEXT NOT NULL,        -- CAMEO sector of the title (GOV, MIL ...)
            title TEXT NOT NULL,         -- role-table phrase, lower case ('foreign minister')
            office TEXT NOT NULL,        -- office as the KB writes it ('President of Kyrgyzstan')
            count INTEGER NOT NULL DEFAULT 0,  -- distinct articles with evidence
            first_seen TEXT,             -- earliest dated evidence, YYYY-MM-DD, NULL if none dated
            last_seen TEXT,              -- latest dated evidence, YYYY-MM-DD, NULL if none dated
            promoted TEXT,               -- when promoted into the user dictionary, else NULL
            UNIQUE (name_group, country, title)
        );
        CREATE TABLE evidence (
            entry INTEGER NOT NULL REFERENCES entries(id),  -- the entry it supports
            digest TEXT NOT NULL,        -- content hash of the article text (article_digest)
            article_id TEXT NOT NULL,    -- the article's id as the input gave it
            date TEXT,                   -- publication date YYYY-MM-DD, NULL if unknown
            sentence_index INTEGER NOT NULL,  -- 0-based sentence number in the article
            sentence_start INTEGER NOT NULL,  -- sentence span in Article.text
            sentence_end INTEGER NOT NULL,
            sentence TEXT NOT NULL,      -- the sentence text, for review
            mention_start INTEGER NOT NULL,   -- span of name and title in Article.text
            mention_end INTEGER NOT NULL,
            name TEXT NOT NULL,          -- the name as spelled here
            form TEXT NOT NULL,          -- 'title' or 'apposition'
            PRIMARY KEY (entry, digest, mention_start)
        );
        CREATE INDEX evidence_by_entry_date ON evidence (entry, date);
        """,
    ),
)


def learned_path() -> Path:
    """Where the learned layer lives: ``learned.sqlite3`` in the folder that holds
    ``kb/`` (``$KABAR_HOME``, else ``$XDG_DATA_HOME/kabar``, else
    ``~/.local/share/kabar``)."""
    return user_kb_dir().parent / _FILE


@dataclass(frozen=True, slots=True)
class LearnedEntry:
    """One learned (person, country, title) with its support.

    Invariants: ``count >= 1`` (an entry exists only with evidence), ``first_seen
    <= last_seen`` when both are set (None when no evidence was dated);
    ``example`` is the sentence of the most recent evidence and ``example_date``
    its date; ``spellings`` are every spelling seen, most frequent first (the
    first is ``name``).
    """

    key: str
    name: str
    country: str
    sector: str
    title: str
    office: str
    count: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    promoted: dt.date | None
    example: str
    example_article: str
    example_date: dt.date | None
    spellings: tuple[str, ...]
    name_group: str


@dataclass(frozen=True, slots=True)
class RankedEntry:
    """An entry with its place among the entries of the same name: ``rank`` 1 is
    the preferred reading, ``of`` how many readings the name has (1: no conflict)."""

    entry: LearnedEntry
    rank: int
    of: int


def rank_entries(entries: Iterable[LearnedEntry]) -> list[RankedEntry]:
    """Rank the entries of each name by recency and support, best first.

    The rule: take the newest ``last_seen`` among a name's entries. Entries last
    seen within :data:`RECENT_DAYS` of it are *current* and rank before all others;
    among current ones the more articles (``count``) win, then the later
    ``last_seen``. The stale rest follow, the later ``last_seen`` first, then the
    larger ``count``. Undated entries rank last. Remaining ties go by key, so the
    order is stable. So a new minister's month of reports outranks years of
    reports of the previous one, while a single odd report does not displace a
    reading that the same weeks confirm many times.
    """
    groups: dict[str, list[LearnedEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.name_group, []).append(entry)
    ranked: list[RankedEntry] = []
    for members in groups.values():
        dated = [e.last_seen for e in members if e.last_seen is not None]
        horizon = max(dated) - dt.timedelta(days=RECENT_DAYS) if dated else None

        def order(entry: LearnedEntry, horizon: dt.date | None = horizon) -> tuple[object, ...]:
            seen = entry.last_seen
            if seen is None or horizon is None:
                return (2, 0, 0, entry.key)
            if seen >= horizon:
                return (0, -entry.count, -seen.toordinal(), entry.key)
            return (1, -seen.toordinal(), -entry.count, entry.key)

        members.sort(key=order)
        ranked.extend(RankedEntry(e, n, len(members)) for n, e in enumerate(members, start=1))
    return ranked


class LearnedStore:
    """The learned layer's SQLite file. Opened on first use, not in the constructor.

    Every failure to open, read or write it raises :class:`LearnedStoreError`
    naming the file and the fix.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or learned_path()
        self._db: sqlite3.Connection | None = None

    # -- connection ---------------------------------------------------------------

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        if not create and not self.path.exists():
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10)
            db.execute("PRAGMA foreign_keys = ON")
            self._migrate(db)
        except (OSError, sqlite3.Error) as exc:
            raise self._error("cannot open", exc) from exc
        self._db = db
        return db

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        with db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS migrations ("
                " name TEXT PRIMARY KEY,"  # the migration's name, as in _MIGRATIONS
                " applied TEXT NOT NULL)"  # when it ran, ISO timestamp (UTC)
            )
            done = {row[0] for row in db.execute("SELECT name FROM migrations")}
        for name, script in _MIGRATIONS:
            if name in done:
                continue
            # executescript commits on its own; the record goes in the same script so
            # a migration and its record land together.
            stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            db.executescript(
                f"BEGIN; {script} INSERT INTO migrations VALUES ('{name}', '{stamp}'); COMMIT;"
            )

    def _error(self, what: str, exc: BaseException) -> LearnedStoreError:
        return LearnedStoreError(
            f"{what} the learned layer {self.path} ({exc}); it holds only claims read from "
            "the news: make its folder writable (or set KABAR_HOME), move a damaged file "
            "away, or run `kabar code --no-learn`"
        )

    def close(self) -> None:
        """Close the file; the store reopens it on next use."""
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- writing ------------------------------------------------------------------

    def record(self, claims: Sequence[Claim]) -> int:
        """Add claims in one transaction; returns how many evidence rows were new.

        Idempotent: a claim already recorded (same article text, entry and mention
        start) adds nothing, and counts and dates are recomputed from the evidence.
        """
        if not claims:
            return 0
        db = self._connect(create=True)
        assert db is not None
        try:
            with db:
                return self._record(db, claims)
        except sqlite3.Error as exc:
            raise self._error("cannot write", exc) from exc

    @staticmethod
    def _record(db: sqlite3.Connection, claims: Sequence[Claim]) -> int:
        ids: dict[tuple[str, str, str], int] = {}
        added = 0
        for claim in claims:
            group = variant_key(name_key(claim.name))
            triple = (group, claim.country, claim.title)
            if triple not in ids:
                key = f"{_slug(claim.name)}/{claim.country}/{_slug(claim.title)}"
                db.execute(
                    "INSERT OR IGNORE INTO entries (key, name_group, name, country, sector,"
                    " title, office) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (key, group, claim.name, claim.country, claim.sector, claim.title,
                     claim.office),
                )  # fmt: skip
                row = db.execute(
                    "SELECT id FROM entries WHERE name_group = ? AND country = ? AND title = ?",
                    triple,
                ).fetchone()
                ids[triple] = row[0]
            ev = claim.evidence
            cursor = db.execute(
                "INSERT OR IGNORE INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (ids[triple], ev.digest, ev.article_id, _iso(ev.date), ev.sentence_index,
                 ev.sentence.start, ev.sentence.end, ev.sentence.text, ev.mention.start,
                 ev.mention.end, claim.name, claim.form),
            )  # fmt: skip
            added += cursor.rowcount
        db.executemany(
            """UPDATE entries SET
                 count = (SELECT COUNT(DISTINCT digest) FROM evidence WHERE entry = entries.id),
                 first_seen = (SELECT MIN(date) FROM evidence WHERE entry = entries.id),
                 last_seen = (SELECT MAX(date) FROM evidence WHERE entry = entries.id),
                 name = (SELECT name FROM evidence WHERE entry = entries.id
                         GROUP BY name ORDER BY COUNT(*) DESC, MAX(date) DESC LIMIT 1)
               WHERE id = ?""",
            [(entry_id,) for entry_id in set(ids.values())],
        )
        return added

    def mark_promoted(self, keys: Iterable[str], day: dt.date) -> None:
        """Note that these entries went into the user dictionary on ``day``."""
        db = self._connect(create=True)
        assert db is not None
        try:
            with db:
                db.executemany(
                    "UPDATE entries SET promoted = ? WHERE key = ?",
                    [(day.isoformat(), key) for key in keys],
                )
        except sqlite3.Error as exc:
            raise self._error("cannot write", exc) from exc

    # -- reading ------------------------------------------------------------------

    def entries(self) -> list[LearnedEntry]:
        """Every entry, by key; [] when nothing was learned yet (no file is made)."""
        db = self._connect(create=False)
        if db is None:
            return []
        try:
            rows = db.execute(
                "SELECT id, key, name, country, sector, title, office, count, first_seen,"
                " last_seen, promoted, name_group FROM entries ORDER BY key"
            ).fetchall()
            examples = {
                row[0]: row[1:]
                for row in db.execute(
                    # One example per entry: its most recent evidence sentence.
                    "SELECT n.id, e.sentence, e.article_id, e.date FROM entries AS n"
                    " JOIN evidence AS e ON e.rowid = (SELECT rowid FROM evidence"
                    " WHERE entry = n.id ORDER BY date DESC, article_id, sentence_index LIMIT 1)"
                )
            }
            spellings: dict[int, list[str]] = {}
            for entry_id, spelling in db.execute(
                "SELECT entry, name FROM evidence GROUP BY entry, name"
                " ORDER BY entry, COUNT(*) DESC, name"
            ):
                spellings.setdefault(entry_id, []).append(spelling)
        except sqlite3.Error as exc:
            raise self._error("cannot read", exc) from exc
        found = []
        for (entry_id, key, name, country, sector, title, office, count, first, last,
             promoted, group) in rows:  # fmt: skip
            sentence, article, date = examples.get(entry_id, ("", "", None))
            names = spellings.get(entry_id, [name])
            found.append(
                LearnedEntry(
                    key, name, country, sector, title, office, count, _day(first), _day(last),
                    _day(promoted), sentence, article, _day(date),
                    (name, *(s for s in names if s != name)), group,
                )
            )  # fmt: skip
        return found


def _slug(text: str) -> str:
    return name_key(text).replace(" ", "-") or "x"


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(text: str | None) -> dt.date | None:
    return None if not text else dt.date.fromisoformat(text)
