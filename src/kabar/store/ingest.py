"""Read, code and store articles in batches that survive being killed.

Each batch of ``commit_every`` articles is one transaction: the articles, their
mentions, evidence, the regrouped events, failures and the run's counters commit
together or not at all. An article is known by its id and a content hash, so a
rerun skips (without coding them) the articles already stored, and a changed
text under a known id becomes the next version, replacing the old version's
mentions. Together: kill the process at any moment, run it again, and the store
ends as an uninterrupted run would leave it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from kabar import dedup
from kabar.errors import ConfigError, InputError
from kabar.model import Article, ArticleResult, Event, Span
from kabar.pipeline import Pipeline
from kabar.store import clusters
from kabar.store.base import Store, now
from kabar.store.codec import event_to_json

# Articles per transaction: large enough that commits cost little next to parsing
# (about 1.5 s of spaCy time per 64 Reuters stories), small enough that a kill
# loses under a couple of seconds of work.
DEFAULT_COMMIT_EVERY = 64

# Failed inputs and articles tolerated per run before it stops: a few bad records
# are normal in a news feed, hundreds mean the input or the setup is wrong.
DEFAULT_MAX_ERRORS = 100


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest run did. ``stopped`` says why it stopped early (the error
    budget), ``None`` when every input was read."""

    run_id: int
    articles_read: int
    articles_stored: int
    articles_unchanged: int
    articles_failed: int
    mentions_stored: int
    stopped: str | None = None


def content_hash(article: Article) -> str:
    """What makes a version: the same hash means the same article, nothing to do."""
    parts = (
        article.date.isoformat() if article.date else "",
        article.title,
        article.url,
        article.source,
        article.text,
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


class Ingester:
    """One ingest run into ``store``. Pass ``on_read_error`` to the reader
    (``read_articles(on_error=...)``) so unreadable inputs are recorded too.

    ``pipeline`` may be a function that builds one: it is then called only when an
    article needs coding, so a rerun over stored articles never loads the model.
    """

    def __init__(
        self,
        store: Store,
        pipeline: Pipeline | Callable[[], Pipeline],
        *,
        inputs: Sequence[str] = (),
        commit_every: int = DEFAULT_COMMIT_EVERY,
        max_errors: int = DEFAULT_MAX_ERRORS,
    ) -> None:
        if commit_every < 1:
            raise ConfigError(f"--commit-every must be at least 1, got {commit_every}")
        if max_errors < 0:
            raise ConfigError(f"--max-errors must be 0 or more, got {max_errors}")
        self.store = store
        self._pipeline = pipeline
        self.commit_every = commit_every
        self.max_errors = max_errors
        self._read_errors: list[InputError] = []
        self._counts = {"read": 0, "stored": 0, "unchanged": 0, "failed": 0, "mentions": 0}
        with store.transaction():
            store.rows(
                "INSERT INTO ingest_runs (run_id, started_at, inputs, articles_stored, "
                "articles_unchanged, articles_failed, mentions_stored) "
                "SELECT COALESCE(MAX(run_id), 0) + 1, ?, ?, 0, 0, 0, 0 FROM ingest_runs",
                (now(), json.dumps(list(inputs))),
            )
            ((self.run_id,),) = store.rows("SELECT MAX(run_id) FROM ingest_runs")

    def pipeline(self) -> Pipeline:
        """The pipeline, built on first use."""
        if not isinstance(self._pipeline, Pipeline):
            self._pipeline = self._pipeline()
        return self._pipeline

    def on_read_error(self, error: InputError) -> None:
        """Keep an unreadable input; it is recorded with the next batch."""
        self._read_errors.append(error)

    def run(
        self,
        articles: Iterable[Article],
        progress: Callable[[ArticleResult | None], None] | None = None,
    ) -> IngestReport:
        """Store every article; ``progress`` is called once per article (with
        ``None`` for one skipped as unchanged)."""
        stopped = None
        for batch in _batches(iter(articles), self.commit_every):
            self._store_batch(batch, progress)
            if self._counts["failed"] > self.max_errors:
                stopped = (
                    f"stopped after {self._counts['failed']} failed inputs or articles, more "
                    f"than --max-errors {self.max_errors}; see `kabar errors`, fix the input "
                    "or raise --max-errors, and run again (stored work is kept)"
                )
                break
        else:
            self._store_batch([], progress)  # read errors met after the last article
        c = self._counts
        return IngestReport(
            self.run_id, c["read"], c["stored"], c["unchanged"], c["failed"], c["mentions"], stopped
        )

    def _store_batch(
        self, batch: list[Article], progress: Callable[[ArticleResult | None], None] | None
    ) -> None:
        store = self.store
        hashes = {a.id: content_hash(a) for a in batch}
        current = _current_versions(store, [a.id for a in batch])
        todo = [a for a in batch if current.get(a.id, (0, ""))[1] != hashes[a.id]]
        results = list(self.pipeline().run(todo, batch_size=len(todo))) if todo else []
        read_errors, self._read_errors = self._read_errors, []
        if not batch and not read_errors:
            return
        stored = failed = mentions = 0
        with store.transaction():
            for error in read_errors:
                _record_failure(store, error.origin, "", "", error.problem, self.run_id)
            replaced: list[str] = []
            versions: dict[str, int] = {}
            for result in results:
                article = result.article
                if result.error:
                    _record_failure(
                        store, article.origin, article.id, hashes[article.id], result.error,
                        self.run_id,
                    )  # fmt: skip
                    failed += 1
                    continue
                version = current.get(article.id, (0, ""))[0] + 1
                if version > 1:
                    replaced += _retire(store, article.id)
                _insert_article(store, article, version, hashes[article.id], result, self.run_id)
                versions[article.id] = version
                stored += 1
            clusters.remove_mentions(store, replaced)
            new_keys = []
            for result in results:
                if not result.error:
                    new_keys += _insert_mentions(store, result, versions[result.article.id])
            mentions = len(new_keys)
            clusters.add_mentions(store, new_keys)
            failed += len(read_errors)
            unchanged = len(batch) - len(todo)
            store.rows(
                "UPDATE ingest_runs SET articles_stored = articles_stored + ?, "
                "articles_unchanged = articles_unchanged + ?, "
                "articles_failed = articles_failed + ?, mentions_stored = mentions_stored + ? "
                "WHERE run_id = ?",
                (stored, unchanged, failed, mentions, self.run_id),
            )
        c = self._counts
        c["read"] += len(batch)
        c["stored"] += stored
        c["unchanged"] += unchanged
        c["failed"] += failed
        c["mentions"] += mentions
        if progress is not None:
            for result in results:
                progress(result)
            for _ in range(unchanged):
                progress(None)


def _batches(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while batch := list(islice(articles, size)):
        yield batch


def _current_versions(store: Store, ids: Sequence[str]) -> dict[str, tuple[int, str]]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = store.rows(
        "SELECT article_id, version, content_hash FROM articles "
        f"WHERE is_current = 1 AND article_id IN ({marks})",
        list(ids),
    )
    return {article_id: (int(version), digest) for article_id, version, digest in rows}


def _record_failure(
    store: Store, origin: str, article_id: str, digest: str, reason: str, run_id: int
) -> None:
    store.rows(
        "INSERT INTO ingest_errors (origin, article_id, content_hash, reason, run_id) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (origin, article_id, content_hash) "
        "DO UPDATE SET reason = excluded.reason, run_id = excluded.run_id",
        (origin, article_id, digest, reason, run_id),
    )


def _retire(store: Store, article_id: str) -> list[str]:
    """Mark the stored version superseded; the ids of its mentions, to remove."""
    store.rows("UPDATE articles SET is_current = 0 WHERE article_id = ?", (article_id,))
    return [
        m
        for (m,) in store.rows(
            "SELECT mention_id FROM mentions WHERE article_id = ?", (article_id,)
        )
    ]


def _insert_article(
    store: Store, article: Article, version: int, digest: str, result: ArticleResult, run_id: int
) -> None:
    store.rows(
        "INSERT INTO articles (article_id, version, content_hash, is_current, outlet, date, "
        "title, url, dateline, origin, text, sentences, run_id) "
        "VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            version,
            digest,
            dedup.outlet(article),
            article.date.isoformat() if article.date else None,
            article.title,
            article.url,
            article.dateline,
            article.origin,
            article.text,
            result.sentences,
            run_id,
        ),
    )
    store.index_text(article.id, article.title, article.text, replacing=version > 1)
    # A stored article no longer fails: its earlier failures leave `kabar errors`.
    store.rows("DELETE FROM ingest_errors WHERE article_id = ?", (article.id,))


def _insert_mentions(store: Store, result: ArticleResult, version: int) -> list[dedup.MentionKey]:
    article = result.article
    keys: list[dedup.MentionKey] = []
    seen: set[str] = set()
    for event in result.events:
        if event.id in seen:
            continue  # the coder gave one id twice: one mention
        seen.add(event.id)
        key = dedup.mention_key(event, article)
        _insert_mention(store, event, key, version)
        keys.append(key)
    return keys


def _insert_mention(store: Store, event: Event, key: dedup.MentionKey, version: int) -> None:
    store.rows(
        "INSERT INTO mentions (mention_id, article_id, article_version, event_id, date, "
        "date_precision, cameo_code, plover_type, modality, confidence, dedup_key, record) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.id,
            event.article_id,
            version,
            event.id,  # its own event until clusters.add_mentions regroups it
            event.date.isoformat() if event.date else None,
            event.date_precision,
            event.cameo.code,
            event.plover.event_type if event.plover else None,
            event.modality,
            event.confidence,
            clusters.key_to_json(key),
            event_to_json(event),
        ),
    )
    ev = event.evidence
    spans = {
        "source": [_span(s) for s in ev.source],
        "target": [_span(s) for s in ev.target],
        "place": _span(ev.place) if ev.place else None,
    }
    store.rows(
        "INSERT INTO evidence (mention_id, sentence_index, sentence_start, sentence_end, "
        "sentence, trigger_start, trigger_end, trigger, spans) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.id,
            ev.sentence_index,
            ev.sentence.start,
            ev.sentence.end,
            ev.sentence.text,
            ev.trigger.start,
            ev.trigger.end,
            ev.trigger.text,
            json.dumps(spans, ensure_ascii=False),
        ),
    )
    store.run_many(
        "INSERT INTO mention_blocks (block_key, mention_id) VALUES (?, ?)",
        [(block, event.id) for block in dedup.blocking_keys(key)],
    )


def _span(span: Span) -> dict[str, int | str]:
    return {"start": span.start, "end": span.end, "text": span.text}
