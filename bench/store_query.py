"""Query speed of the event store on 1,000,000 synthetic events: SQLite and PostgreSQL.

    .venv/bin/python bench/store_query.py [--events 1000000] [--repeat 20]
        [--postgres postgresql://...]   (default: $KABAR_BENCH_POSTGRES_URL, else SQLite only)

Fills a fresh store with synthetic events (200 countries, 1-2 actors a side with
sectors, the 20 CAMEO roots, five years of dates; ten events per article, each its
own mention), bulk-loaded straight into the tables the ingest writes, then runs
ANALYZE. Times, through the public query functions, each repeated:

  aggregate  `kabar stats --by dyad --period month` over every event
  page       `kabar events --country RUS --cameo 19 --from 2021-01-01 --to 2022-12-31
             --limit 100` (newest first), and the same page with --actor RUSMIL

and prints the median and 95th percentile in milliseconds, with the load time and
size. PostgreSQL tables go into a fresh schema, dropped at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kabar.model import Actor, CameoCode, Event, Evidence, Mention, Place, PloverCoding, Span
from kabar.store import EventFilter, Store, events, open_store, stats, summary
from kabar.store.codec import event_to_json

COUNTRIES = ["RUS", "UKR", "USA", "CHN", "KGZ", "TJK", "IND", "PAK", "ISR", "IRN"] + [
    f"X{i:02d}" for i in range(190)
]
SECTORS = [(), ("GOV",), ("MIL",), ("REB",), ("COP",)]
ROOTS = [f"{r:02d}" for r in range(1, 21)]
START = dt.date(2019, 1, 1)
PER_ARTICLE = 10


def template() -> Event:
    span = Span(0, 5, "Alpha")
    actor = Actor("country:AAA", "Alpha", "country", "AAA")
    return Event(
        id="MID", article_id="AID", date=START, date_precision="day",
        sources=(Mention(span, 0, actor, "country-name"),),
        targets=(Mention(Span(15, 19, "Beta"), 0, dataclasses.replace(actor, id="country:BBB",
                 name="Beta", country="BBB"), "country-name"),),
        cameo=CameoCode("190", "Use conventional military force", "19", 4, -10.0),
        plover=PloverCoding("ASSAULT"),
        evidence=Evidence("AID", 0, Span(0, 20, "Alpha attacked Beta."), Span(6, 14, "attacked"),
                          (span,), (Span(15, 19, "Beta"),)),
        location=Place("Somewhere", "AAA", lat=1.0, lon=2.0, precision="exact"),
    )  # fmt: skip


def synthetic(n: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    text = event_to_json(template())
    for i in range(n):
        root = rng.choice(ROOTS)
        src, tgt = rng.sample(COUNTRIES[:40] if rng.random() < 0.7 else COUNTRIES, 2)
        s_sec, t_sec = rng.choice(SECTORS), rng.choice(SECTORS)
        day = START + dt.timedelta(days=rng.randrange(5 * 365))
        mentions = rng.choice((1, 1, 1, 2, 3))
        yield {
            "i": i, "root": root, "code": root + "0", "src": src, "tgt": tgt,
            "s_code": src + "".join(s_sec), "t_code": tgt + "".join(t_sec),
            "s_sec": s_sec, "t_sec": t_sec, "date": day.isoformat(), "mentions": mentions,
            "record": text.replace('"MID"', f'"m{i:07d}"')
            .replace('"AID"', f'"a{i // PER_ARTICLE:06d}"')
            .replace('"190"', f'"{root}0"').replace('"2019-01-01"', f'"{day.isoformat()}"'),
        }  # fmt: skip


def load(store: Store, n: int) -> float:
    started = time.perf_counter()
    chunk: list[dict[str, Any]] = []

    def flush() -> None:
        articles = sorted({r["i"] // PER_ARTICLE for r in chunk})
        store.run_many(
            "INSERT INTO articles (article_id, version, content_hash, is_current, outlet, date, "
            "title, url, dateline, origin, text, sentences, run_id) "
            "VALUES (?, 1, ?, 1, 'Synthetic', ?, '', '', '', 'bench', 'Alpha attacked Beta.', "
            "1, 1)",
            [(f"a{a:06d}", f"h{a}", chunk[0]["date"]) for a in articles],
        )
        store.run_many(
            "INSERT INTO mentions (mention_id, article_id, article_version, event_id, date, "
            "date_precision, cameo_code, plover_type, modality, confidence, dedup_key, record) "
            "VALUES (?, ?, 1, ?, ?, 'day', ?, 'ASSAULT', 'asserted', 0.5, '{}', ?)",
            [(f"m{r['i']:07d}", f"a{r['i'] // PER_ARTICLE:06d}", f"e{r['i']:07d}", r["date"],
              r["code"], r["record"]) for r in chunk],
        )  # fmt: skip
        store.run_many(
            "INSERT INTO events (event_id, representative, date, date_precision, cameo_code, "
            "cameo_root, quad_class, goldstein, plover_type, modality, reciprocal, source_codes, "
            "target_codes, place_name, place_country, countries, sectors, lat, lon, "
            "num_mentions, num_sources, num_articles, first_seen, last_seen) VALUES (?, ?, ?, "
            "'day', ?, ?, ?, -1.0, 'ASSAULT', 'asserted', 0, ?, ?, 'Somewhere', ?, ?, ?, 1.0, "
            "2.0, ?, 1, ?, ?, ?)",
            [(f"e{r['i']:07d}", f"m{r['i']:07d}", r["date"], r["code"], r["root"],
              1 + int(r["root"]) // 6, r["s_code"], r["t_code"], r["tgt"],
              f" {' '.join(sorted({r['src'], r['tgt']}))} ",
              f" {' '.join(sorted({*r['s_sec'], *r['t_sec']}))} ", r["mentions"],
              r["mentions"], r["date"], r["date"]) for r in chunk],
        )  # fmt: skip
        store.run_many(
            "INSERT INTO event_actors (event_id, role, actor_id, code, country, sectors) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [row for r in chunk for row in (
                (f"e{r['i']:07d}", "source", f"country:{r['src']}", r["s_code"], r["src"],
                 f" {' '.join(r['s_sec'])} "),
                (f"e{r['i']:07d}", "target", f"country:{r['tgt']}", r["t_code"], r["tgt"],
                 f" {' '.join(r['t_sec'])} "),
            )],
        )  # fmt: skip
        chunk.clear()

    for row in synthetic(n):
        chunk.append(row)
        if len(chunk) == 10 * 1000:  # a multiple of PER_ARTICLE: articles never straddle
            with store.transaction():
                flush()
    if chunk:
        with store.transaction():
            flush()
    store.rows("ANALYZE")
    if store.dialect == "sqlite":
        store.rows("PRAGMA wal_checkpoint(TRUNCATE)")  # the size below is then the file's
    return time.perf_counter() - started


def timed(run: Callable[[], int], repeat: int) -> tuple[float, float, int]:
    run()  # warm the cache: the figures are for a store in use
    times, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, size


def bench(url: str, label: str, n: int, repeat: int) -> None:
    with open_store(url) as store:
        seconds = load(store, n)
        print(f"{label:<9} loaded {n:,} events in {seconds:.0f} s, "
              f"{summary(store).size_bytes / 1e6:.0f} MB")  # fmt: skip
        page = EventFilter(
            country="RUS", cameo="19", date_from=dt.date(2021, 1, 1), date_to=dt.date(2022, 12, 31)
        )
        cases: list[tuple[str, Callable[[], int]]] = [
            ("month x dyad aggregate", lambda: len(stats(store, by="dyad", period="month"))),
            ("page of 100, filtered", lambda: len(list(events(store, page, limit=100)))),
            ("page of 100, + actor", lambda: len(list(events(
                store, dataclasses.replace(page, actor="RUSMIL"), limit=100)))),
        ]  # fmt: skip
        for name, run in cases:
            median, p95, size = timed(run, repeat if "page" in name else max(3, repeat // 4))
            print(f"{label:<9} {name:<24} median {median:8.1f} ms   p95 {p95:8.1f} ms   "
                  f"({size} rows)")  # fmt: skip
        sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--postgres", default=os.environ.get("KABAR_BENCH_POSTGRES_URL"))
    parser.add_argument("--only", choices=("sqlite", "postgres"), help="one store only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.only != "postgres":
            bench(str(Path(tmp) / "bench.db"), "sqlite", args.events, args.repeat)
    if args.only != "sqlite" and args.postgres:
        from kabar.store.postgres import scratch_schema

        with scratch_schema(args.postgres, "bench") as url:
            bench(url, "postgres", args.events, args.repeat)
    elif args.only != "sqlite":
        print("postgres  skipped: pass --postgres URL or set KABAR_BENCH_POSTGRES_URL")


if __name__ == "__main__":
    main()
