"""Ingest the Reuters-21578 corpus into the event store: SQLite and PostgreSQL.

    .venv/bin/python bench/store_ingest.py [--n N] [--commit-every 64]
        [--postgres postgresql://...]   (default: $KABAR_BENCH_POSTGRES_URL, else SQLite only)

Writes the stories that have a body (19,043) as a kabar JSONL input, then runs a
full `kabar ingest` through the Python API into each store: read, code, store,
deduplicate. Prints articles/s and events/s (whole run, model load excluded), the
share of the time spent coding (spaCy and kabar's stages) versus storing, the
counts (articles, mentions, events after dedup) and the store's size on disk. A
second run over the same input shows what an idempotent rerun costs. PostgreSQL
tables go into a fresh schema, dropped at the end.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from kabar.model import Article, ArticleResult
from kabar.pipeline import DEFAULT_BATCH_SIZE, Pipeline
from kabar.readers import read_articles
from kabar.store import Ingester, open_store, summary

HERE = Path(__file__).resolve()
CORPUS = HERE.parents[2] / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"


class TimedPipeline(Pipeline):
    """The pipeline, timing its own work so storing can be told apart from coding."""

    seconds = 0.0

    def run(
        self, articles: Iterable[Article], batch_size: int = DEFAULT_BATCH_SIZE
    ) -> Iterator[ArticleResult]:
        started = time.perf_counter()
        results = list(super().run(articles, batch_size))
        self.seconds += time.perf_counter() - started
        return iter(results)


def write_input(n: int | None, out: Path) -> int:
    written = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            story = json.loads(line)
            if not story.get("body"):
                continue
            record = {
                "id": f"reuters-{story['newid']}",
                "date": story["date"],
                "title": story.get("title") or "",
                "text": story["body"],
                "source": "Reuters",
            }
            dst.write(json.dumps(record) + "\n")
            written += 1
            if written == n:
                break
    return written


def bench(url: str, label: str, feed: Path, pipeline: TimedPipeline, commit_every: int) -> None:
    with open_store(url) as store:
        for attempt in ("first run", "rerun"):
            pipeline.seconds = 0.0
            ingester = Ingester(store, pipeline, inputs=[str(feed)], commit_every=commit_every)
            started = time.perf_counter()
            report = ingester.run(read_articles([str(feed)], on_error=ingester.on_read_error))
            seconds = time.perf_counter() - started
            if store.dialect == "sqlite":
                store.rows("PRAGMA wal_checkpoint(TRUNCATE)")  # the size is then the file's
            totals = summary(store)
            coding = pipeline.seconds
            print(
                f"{label:<10} {attempt:<9} {report.articles_read:>6} articles "
                f"({report.articles_stored} stored, {report.articles_unchanged} unchanged, "
                f"{report.articles_failed} failed) in {seconds:7.1f} s: "
                f"{report.articles_read / seconds:7.1f} articles/s, "
                f"{report.mentions_stored / seconds:6.1f} events/s; coding {coding:.1f} s, "
                f"storing {seconds - coding:.1f} s"
            )
            if report.stopped:
                print(f"{label:<10} {report.stopped}")
        print(
            f"{label:<10} store: {totals.articles} articles, {totals.mentions} event mentions, "
            f"{totals.events} events after dedup, {totals.size_bytes / 1e6:.1f} MB"
        )
        sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=None, help="first N stories (default: all)")
    parser.add_argument("--commit-every", type=int, default=64)
    parser.add_argument("--postgres", default=os.environ.get("KABAR_BENCH_POSTGRES_URL"))
    parser.add_argument("--only", choices=("sqlite", "postgres"), help="one store only")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"needs {CORPUS} (../shared beside this checkout)")
    base = Pipeline.default()
    pipeline = TimedPipeline(base.nlp, base.stages)
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "reuters.jsonl"
        n = write_input(args.n, feed)
        print(f"Reuters-21578: {n} stories with a body; commit every {args.commit_every}")
        if args.only != "postgres":
            bench(str(Path(tmp) / "kabar.db"), "sqlite", feed, pipeline, args.commit_every)
        if args.only != "sqlite" and args.postgres:
            from kabar.store.postgres import scratch_schema

            with scratch_schema(args.postgres, "bench") as url:
                bench(url, "postgres", feed, pipeline, args.commit_every)
        elif args.only != "sqlite":
            print("postgres   skipped: pass --postgres URL or set KABAR_BENCH_POSTGRES_URL")


if __name__ == "__main__":
    main()
