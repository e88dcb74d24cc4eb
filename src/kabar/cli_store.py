"""The event-store commands of ``kabar``: ingest, events, stats, explain, errors, export.

Kept apart from ``kabar.cli`` (which adds them with ``add_commands``) so the
store's options live in one place; the same rules hold: parse and validate,
call a plain function of ``kabar.store``, and leave errors to ``kabar.cli.main``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from kabar.cli_args import EXIT_NOTHING_READ as _FAILED
from kabar.cli_args import EXIT_OK as _OK
from kabar.cli_args import add_input_options, date_arg, field_map
from kabar.errors import ConfigError


def add_commands(commands: Any) -> None:
    """Add the store commands to ``kabar``'s sub-command parser."""
    from kabar.store import DEFAULT_COMMIT_EVERY, DEFAULT_MAX_ERRORS, GROUPS, PERIODS, SORTS
    from kabar.store.export import EXPORT_FORMATS

    ingest = commands.add_parser(
        "ingest",
        help="code articles and store them, their events and evidence (idempotent)",
        description="Read, code and store articles in the event store. Storing the same "
        "article again changes nothing; a changed text becomes a new version.",
    )
    add_input_options(ingest)
    _db(ingest)
    ingest.add_argument(
        "--commit-every", type=int, default=DEFAULT_COMMIT_EVERY, metavar="N",
        help=f"articles per transaction (default: {DEFAULT_COMMIT_EVERY})",
    )  # fmt: skip
    ingest.add_argument(
        "--max-errors", type=int, default=DEFAULT_MAX_ERRORS, metavar="N",
        help=f"stop once more than N inputs or articles failed (default: {DEFAULT_MAX_ERRORS})",
    )  # fmt: skip
    ingest.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    ingest.set_defaults(run=_run_ingest)

    events = commands.add_parser("events", help="list stored events, filtered, sorted and paged")
    _db(events)
    _filters(events)
    events.add_argument("--sort", choices=SORTS, default="-date", help="default: newest first")
    events.add_argument("--limit", type=int, default=50, metavar="N", help="events per page")
    events.add_argument("--offset", type=int, default=0, metavar="N", help="skip N events")
    events.add_argument("--json", action="store_true", help="one JSON object per event")
    events.set_defaults(run=_run_events)

    stats = commands.add_parser("stats", help="count stored events by period and group")
    _db(stats)
    _filters(stats)
    stats.add_argument("--by", choices=GROUPS, default="type", help="group (default: type)")
    stats.add_argument(
        "--period", choices=PERIODS, default="month", help="time bucket (default: month)"
    )
    stats.add_argument("--json", action="store_true", help="one JSON object per row")
    stats.set_defaults(run=_run_stats)

    explain = commands.add_parser(
        "explain", help="an event's mentions, their provenance and why they merged"
    )
    explain.add_argument("event_id", metavar="EVENT_ID", help="an event id (or a mention id)")
    _db(explain)
    explain.add_argument("--json", action="store_true", help="one JSON object")
    explain.set_defaults(run=_run_explain)

    errors = commands.add_parser("errors", help="inputs and articles that could not be stored")
    _db(errors)
    errors.add_argument("--json", action="store_true", help="one JSON object per failure")
    errors.set_defaults(run=_run_errors)

    export = commands.add_parser(
        "export", help="write stored events as PLOVER JSONL, CSV, Parquet or GDELT 2.0 TSV"
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    _db(export)
    _filters(export)
    export.add_argument(
        "--unit", choices=("event", "dyad"), default="event",
        help="CSV/Parquet: one row per event or per (source, target) dyad",
    )  # fmt: skip
    export.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    export.set_defaults(run=_run_export)


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="a SQLite file or a postgresql:// URL (default: $KABAR_DB, else ./kabar.db)",
    )


def _filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters")
    for flag, what in (
        ("--actor", "actor id (country:RUS) or start of an actor code (RUS, RUSGOV), either side"),
        ("--source", "the same, as source"),
        ("--target", "the same, as target"),
        ("--country", "ISO3 country of the place or of any actor"),
        ("--sector", "sector code of any actor (GOV, MIL, REB ...)"),
        ("--cameo", "CAMEO code or its start: a root (04) or a code (042)"),
        ("--plover", "PLOVER event type (CONSULT, ASSAULT ...)"),
        ("--modality", "asserted, negated, future, hypothetical or intent"),
        ("--place", "place name, any case"),
        ("--text", "words searched in the reporting articles' text"),
    ):
        group.add_argument(flag, metavar="VALUE", help=what)
    group.add_argument("--from", dest="date_from", type=date_arg, metavar="DATE", help="from date")
    group.add_argument("--to", dest="date_to", type=date_arg, metavar="DATE", help="to date")


def _where(args: argparse.Namespace) -> Any:
    from kabar.store import EventFilter

    return EventFilter(
        actor=args.actor, source=args.source, target=args.target, country=args.country,
        sector=args.sector, cameo=args.cameo, plover=args.plover, modality=args.modality,
        place=args.place, date_from=args.date_from, date_to=args.date_to, text=args.text,
    )  # fmt: skip


def _run_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from kabar.pipeline import Pipeline
    from kabar.readers import read_articles
    from kabar.store import Ingester, open_store, summary

    fields = field_map(args.field) or None
    with open_store(args.db) as store:
        # The model loads only when an article needs coding: a wrong --db fails at once,
        # and a rerun over stored articles takes a moment.
        ingester = Ingester(
            store,
            Pipeline.default,
            inputs=[str(p) for p in args.paths],
            commit_every=args.commit_every,
            max_errors=args.max_errors,
        )
        articles = read_articles(
            args.paths, format=args.format, date=args.date, fields=fields,
            on_error=ingester.on_read_error,
        )  # fmt: skip
        progress = tqdm(
            desc="articles", unit=" art", file=sys.stderr, disable=args.quiet or None, leave=False
        )
        started = time.perf_counter()
        report = ingester.run(articles, lambda _: _tick(progress))
        progress.close()
        seconds = time.perf_counter() - started
        totals = summary(store)
    if not args.quiet:
        print(
            f"kabar: run {report.run_id}: {report.articles_read} articles read, "
            f"{report.articles_stored} stored, {report.articles_unchanged} unchanged, "
            f"{report.articles_failed} failed (`kabar errors`), {report.mentions_stored} event "
            f"mentions, {seconds:.1f} s; the store holds {totals.articles} articles and "
            f"{totals.events} events",
            file=sys.stderr,
        )
    if report.stopped:
        print(f"kabar: {report.stopped}", file=sys.stderr)
        return _FAILED
    nothing = report.articles_read == 0 and report.articles_failed > 0
    return _FAILED if nothing else _OK


def _run_events(args: argparse.Namespace) -> int:
    from kabar.export.jsonl import event_record
    from kabar.store import events, open_store

    with open_store(args.db, create=False) as store:
        for e in events(store, _where(args), sort=args.sort, limit=args.limit, offset=args.offset):
            if args.json:
                record = {
                    "event_id": e.event_id,
                    "num_mentions": e.num_mentions,
                    "num_sources": e.num_sources,
                    "num_articles": e.num_articles,
                    "first_seen": _iso(e.first_seen),
                    "last_seen": _iso(e.last_seen),
                    "representative": event_record(e.event),
                }
                print(json.dumps(record, ensure_ascii=False))
                continue
            dyad = f"{';'.join(e.source_codes) or '-'} > {';'.join(e.target_codes) or '-'}"
            print(
                f"{e.event_id}  {_iso(e.date) or 'undated'}  {e.cameo_code} "
                f"{e.plover_type or '-':<9} {e.modality:<9} {dyad:<24} "
                f"{e.place_name or '-':<16} {e.num_mentions}m {e.num_sources}s {e.num_articles}a"
            )
    return _OK


def _run_stats(args: argparse.Namespace) -> int:
    from kabar.store import open_store, stats

    with open_store(args.db, create=False) as store:
        for row in stats(store, by=args.by, period=args.period, where=_where(args)):
            if args.json:
                print(json.dumps({"period": row.period, args.by: row.key, "events": row.events}))
            else:
                print(f"{row.period}\t{row.key}\t{row.events}")
    return _OK


def _run_explain(args: argparse.Namespace) -> int:
    from kabar.store import explain, open_store

    with open_store(args.db, create=False) as store:
        found = explain(store, args.event_id)
    e = found.event
    if args.json:
        print(json.dumps({
            "event_id": e.event_id, "representative": e.representative,
            "num_mentions": e.num_mentions, "num_sources": e.num_sources,
            "num_articles": e.num_articles, "first_seen": _iso(e.first_seen),
            "last_seen": _iso(e.last_seen),
            "mentions": [{
                "mention_id": m.mention_id, "article_id": m.article_id,
                "article_version": m.article_version, "outlet": m.outlet,
                "published": _iso(m.published), "origin": m.origin, "url": m.url,
                "cameo": m.cameo_code, "plover": m.plover_type, "modality": m.modality,
                "trigger": m.trigger, "sentence": m.sentence,
                "confidence": m.confidence, "reasons": list(m.reasons),
            } for m in found.mentions],
            "links": [{"a": k.a, "b": k.b, "reasons": list(k.reasons)} for k in found.links],
        }, ensure_ascii=False))  # fmt: skip
        return _OK
    print(
        f"event {e.event_id}: {e.cameo_code} {e.plover_type or '-'} {e.modality}, "
        f"{';'.join(e.source_codes) or '-'} > {';'.join(e.target_codes) or '-'}, "
        f"{_iso(e.date) or 'undated'}, {e.place_name or 'place unknown'}"
    )
    print(
        f"  {e.num_mentions} mentions, {e.num_sources} sources, {e.num_articles} articles, "
        f"seen {_iso(e.first_seen) or '?'}..{_iso(e.last_seen) or '?'}; "
        f"stands for it: {e.representative}"
    )
    for m in found.mentions:
        print(
            f"  mention {m.mention_id}  {m.article_id} v{m.article_version}  "
            f"{m.outlet or 'outlet unknown'}  {_iso(m.published) or 'undated'}  {m.origin}"
        )
        sentence = " ".join(m.sentence.split())
        print(f'      "{sentence}" (trigger: {m.trigger})')
        print(f"      why: {', '.join(m.reasons) or '-'}  (confidence {m.confidence:.2f})")
    for link in found.links:
        print(f"  merged {link.a} + {link.b}: {', '.join(link.reasons)}")
    if not found.links:
        print("  a single report: nothing merged into it")
    return _OK


def _run_errors(args: argparse.Namespace) -> int:
    from kabar.store import failures, open_store

    with open_store(args.db, create=False) as store:
        found = failures(store)
    for failure in found:
        if args.json:
            print(json.dumps({
                "origin": failure.origin, "article_id": failure.article_id or None,
                "reason": failure.reason, "run_id": failure.run_id,
            }, ensure_ascii=False))  # fmt: skip
        else:
            what = failure.article_id or "(unreadable input)"
            print(f"run {failure.run_id}  {failure.origin}  {what}\n      {failure.reason}")
    if not found and not args.json:
        print("no failed inputs or articles")
    return _OK


def _run_export(args: argparse.Namespace) -> int:
    from kabar.store import open_store
    from kabar.store.export import export

    if args.output.is_dir():
        raise ConfigError(f"-o {args.output} is a directory; give a file name")
    with open_store(args.db, create=False) as store:
        rows = export(store, args.output, args.format, _where(args), unit=args.unit)
    print(f"kabar: {rows} rows written to {args.output}", file=sys.stderr)
    return _OK


def _tick(progress: Any) -> None:
    progress.update()


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None
