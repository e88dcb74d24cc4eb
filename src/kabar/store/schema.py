"""The event store's schema, as migrations registered in code.

Each migration has a version, a name and its SQL, written once for both
dialects: ``{real}`` is filled per dialect, and statements that
exist in one dialect only (full-text search) are listed apart. Applied
migrations are recorded in ``kabar_migrations``; a database whose newest
recorded version is above ``SCHEMA_VERSION`` comes from a newer kabar and is
refused before anything is written.

Dates are ISO ``YYYY-MM-DD`` text in both dialects: it sorts and compares like a
date, groups by month with ``substr``, and reads back identically everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Dialect = Literal["sqlite", "postgres"]

_TYPES: dict[Dialect, dict[str, str]] = {
    "sqlite": {"real": "REAL"},
    "postgres": {"real": "DOUBLE PRECISION"},
}


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: ``shared`` statements run on both dialects, then the
    dialect's own. ``version`` numbers are consecutive from 1."""

    version: int
    name: str
    shared: tuple[str, ...]
    sqlite: tuple[str, ...] = ()
    postgres: tuple[str, ...] = ()

    def statements(self, dialect: Dialect) -> list[str]:
        own = self.sqlite if dialect == "sqlite" else self.postgres
        return [sql.format(**_TYPES[dialect]) for sql in (*self.shared, *own)]


MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS kabar_migrations (
    version INTEGER PRIMARY KEY,  -- the migration's number (Migration.version)
    name TEXT NOT NULL,           -- what it did, in a few words
    applied_at TEXT NOT NULL      -- when it ran, UTC timestamp
)"""

_V1_TABLES = (
    """
CREATE TABLE ingest_runs (
    run_id INTEGER PRIMARY KEY,         -- one `kabar ingest` invocation, numbered from 1
    started_at TEXT NOT NULL,           -- UTC timestamp of the start
    inputs TEXT NOT NULL,               -- the paths given, JSON list
    articles_stored INTEGER NOT NULL,   -- new articles and new versions committed so far
    articles_unchanged INTEGER NOT NULL,-- articles skipped because the same text is stored
    articles_failed INTEGER NOT NULL,   -- inputs and articles that failed (see ingest_errors)
    mentions_stored INTEGER NOT NULL    -- coded event mentions committed so far
)""",
    """
CREATE TABLE articles (
    article_id TEXT NOT NULL,      -- Article.id: from the input record, else from the file name
    version INTEGER NOT NULL,      -- 1 for the first text seen under this id, +1 per changed text
    content_hash TEXT NOT NULL,    -- sha256 of date, title, url, outlet and text: what a version is
    is_current INTEGER NOT NULL,   -- 1 for the newest version, 0 for superseded ones
    outlet TEXT NOT NULL,          -- Article.source: the outlet or agency, '' when unknown
    date TEXT,                     -- publication date (ISO), NULL when the input gave none
    title TEXT NOT NULL,           -- headline, '' when none
    url TEXT NOT NULL,             -- address of the article, '' when none
    dateline TEXT NOT NULL,        -- dateline removed from the body ('BISHKEK'), '' when none
    origin TEXT NOT NULL,          -- input file (and line) it was read from
    text TEXT NOT NULL,            -- normalised body: every evidence offset refers to it
    sentences INTEGER NOT NULL,    -- sentences the parser found
    run_id INTEGER NOT NULL,       -- ingest run that stored this version
    PRIMARY KEY (article_id, version)
)""",
    """
CREATE TABLE mentions (
    mention_id TEXT PRIMARY KEY,   -- Event.id: from article, sentence, pattern and actors
    article_id TEXT NOT NULL,      -- the article it was read from (its current version)
    article_version INTEGER NOT NULL, -- which version of that article
    event_id TEXT NOT NULL,        -- the deduplicated event it belongs to (events.event_id)
    date TEXT,                     -- the event's date as this mention gives it (ISO)
    date_precision TEXT NOT NULL,  -- day, week, month, year, publication or unknown
    cameo_code TEXT NOT NULL,      -- CAMEO event code ('042')
    plover_type TEXT,              -- PLOVER event type, NULL for plain statements
    modality TEXT NOT NULL,        -- asserted, negated, future, hypothetical or intent
    confidence {real} NOT NULL,    -- the coder's confidence, 0..1
    dedup_key TEXT NOT NULL,       -- JSON of kabar.dedup.MentionKey: what matching compares
    record TEXT NOT NULL,          -- the coded event, every field (kabar.store.codec JSON)
    FOREIGN KEY (article_id, article_version) REFERENCES articles (article_id, version)
)""",
    """
CREATE TABLE evidence (
    mention_id TEXT PRIMARY KEY REFERENCES mentions (mention_id), -- the mention it supports
    sentence_index INTEGER NOT NULL, -- sentence number in the article, from 0
    sentence_start INTEGER NOT NULL, -- character offset of the sentence in articles.text
    sentence_end INTEGER NOT NULL,   -- end offset (exclusive) of the sentence
    sentence TEXT NOT NULL,          -- the sentence itself
    trigger_start INTEGER NOT NULL,  -- offset of the verb or noun that triggered the event
    trigger_end INTEGER NOT NULL,    -- end offset (exclusive) of the trigger
    trigger TEXT NOT NULL,           -- the trigger's text
    spans TEXT NOT NULL              -- JSON: source, target and place spans with offsets
)""",
    """
CREATE TABLE mention_blocks (
    block_key TEXT NOT NULL,       -- a kabar.dedup.blocking_keys value: candidates share one
    mention_id TEXT NOT NULL REFERENCES mentions (mention_id), -- the mention indexed under it
    PRIMARY KEY (block_key, mention_id)
)""",
    """
CREATE TABLE events (
    event_id TEXT PRIMARY KEY,     -- kabar.dedup.cluster_id of its mentions
    representative TEXT NOT NULL,  -- mention_id whose reading stands for the event
    date TEXT,                     -- the representative's event date (ISO)
    date_precision TEXT NOT NULL,  -- precision of that date
    cameo_code TEXT NOT NULL,      -- CAMEO event code
    cameo_root TEXT NOT NULL,      -- CAMEO root, two digits
    quad_class INTEGER NOT NULL,   -- GDELT QuadClass 1..4
    goldstein {real} NOT NULL,     -- Goldstein scale value of the code
    plover_type TEXT,              -- PLOVER event type, NULL for plain statements
    modality TEXT NOT NULL,        -- asserted, negated, future, hypothetical or intent
    reciprocal INTEGER NOT NULL,   -- 1 when all actors act on each other
    source_codes TEXT NOT NULL,    -- CAMEO-style source actor codes, ';'-joined ('KGZGOV')
    target_codes TEXT NOT NULL,    -- target actor codes, ';'-joined, '' when none
    place_name TEXT,               -- where it happened, NULL when unknown
    place_country TEXT,            -- ISO3 country of the place
    countries TEXT NOT NULL,       -- ISO3 of the place and every actor, space-padded (' RUS UKR ')
    sectors TEXT NOT NULL,         -- sector codes of every actor, space-padded (' GOV MIL ')
    lat {real},                    -- latitude of the place
    lon {real},                    -- longitude of the place
    num_mentions INTEGER NOT NULL, -- mentions merged into this event
    num_sources INTEGER NOT NULL,  -- distinct outlets among them
    num_articles INTEGER NOT NULL, -- distinct articles among them
    first_seen TEXT,               -- earliest publication date among its articles (ISO)
    last_seen TEXT                 -- latest publication date among its articles (ISO)
)""",
    """
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events (event_id), -- the event
    role TEXT NOT NULL,            -- 'source' or 'target'
    actor_id TEXT NOT NULL,        -- knowledge-base id ('country:RUS')
    code TEXT NOT NULL,            -- CAMEO-style code: country and sectors ('RUSGOV')
    country TEXT,                  -- ISO3 country of the actor, NULL for IGOs
    sectors TEXT NOT NULL,         -- sector codes, space-padded (' GOV MIL ') for LIKE
    PRIMARY KEY (event_id, role, actor_id)
)""",
    """
CREATE TABLE ingest_errors (
    origin TEXT NOT NULL,          -- input file (and line) that failed
    article_id TEXT NOT NULL,      -- the article's id, '' when the input could not be read
    content_hash TEXT NOT NULL,    -- hash of the failed article, '' for unreadable inputs
    reason TEXT NOT NULL,          -- what went wrong and how to fix it
    run_id INTEGER NOT NULL,       -- the ingest run that last met this failure
    PRIMARY KEY (origin, article_id, content_hash)
)""",
    "CREATE INDEX mentions_event ON mentions (event_id)",
    "CREATE INDEX mentions_article ON mentions (article_id)",
    "CREATE INDEX event_actors_actor ON event_actors (actor_id, role)",
)

# Event indexes end in (date, event_id) in the order `kabar events` pages by (newest
# first, undated last; the id breaks ties), so a filtered page of 100 is read off an
# index and stops after 100 rows instead of sorting every match. SQLite walks a plain
# index backwards for that order (NULL sorts lowest); PostgreSQL needs it spelled out.
_EVENT_INDEXES = (
    ("events_date", ""),
    ("events_root_date", "cameo_root, "),
    ("events_plover_date", "plover_type, "),
    ("events_country_date", "place_country, "),
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, mentions, evidence, deduplicated events, ingest runs and errors",
        shared=_V1_TABLES,
        # Full-text search over the current version of each article's text.
        sqlite=(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "title, text, article_id UNINDEXED, tokenize = 'porter unicode61')",
            *(
                f"CREATE INDEX {name} ON events ({lead}date, event_id)"
                for name, lead in _EVENT_INDEXES
            ),
        ),
        postgres=(
            "CREATE INDEX articles_text_search ON articles USING gin "
            "(to_tsvector('english', title || ' ' || text))",
            *(
                f"CREATE INDEX {name} ON events ({lead}date DESC NULLS LAST, event_id DESC)"
                for name, lead in _EVENT_INDEXES
            ),
        ),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version
