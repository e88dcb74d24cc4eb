"""False alarms: what kabar codes in economic and commodity news, where political events are rare.

    .venv/bin/python bench/false_alarms.py [--n 500] [--corpus PATH]
        [--sample out/false_alarm_sample.jsonl] [--sample-size 30] [--hostile]

Selection, deterministic: the first N stories of the Reuters-21578 corpus in
../shared, in file order, that have a title and a body and whose ``topics`` are
non-empty and include none of ``POLITICAL_TOPICS``. Reuters topics are all
economic; the ones left out are those whose 1987 stories routinely report dealings
between governments, which would be true events, not false alarms:

  trade    trade disputes, tariffs, sanctions and talks (US-Japan chips, GATT)
  ship     the Gulf "tanker war": attacks on shipping, naval escorts
  crude    OPEC ministerial diplomacy, Iran-Iraq war strikes on oil targets
  money-fx, dlr  G-5/G-7 finance ministers' meetings and accords (Louvre, Feb 1987)

Some political content remains (US grain subsidies to the USSR, say), so the
figures are an upper bound on false alarms, and the sample written to --sample
(evenly spaced over all events, in order) is for reading by hand.

Printed: stories, sentences, events per 1,000 sentences overall, asserted only,
and by CAMEO root; the number of hostile events (roots 10-20, verbal and
material conflict). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from kabar.model import Article, Event, Mention

HERE = Path(__file__).resolve()
DEFAULT_CORPUS = HERE.parents[2] / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"
DEFAULT_SAMPLE = Path("out") / "false_alarm_sample.jsonl"
POLITICAL_TOPICS = frozenset({"trade", "ship", "crude", "money-fx", "dlr"})
# CAMEO roots 10 (demand) to 20 (mass violence): verbal and material conflict.
FIRST_HOSTILE_ROOT = 10


def select_stories(corpus: Path, n: int) -> Iterator[Article]:
    """The first n stories that pass the selection of the module docstring, as articles."""
    from kabar.readers.jsonl import record_to_article

    taken = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            story = json.loads(line)
            topics = set(story.get("topics") or ())
            if not topics or topics & POLITICAL_TOPICS:
                continue
            if not story.get("title") or not story.get("body"):
                continue
            article = record_to_article(
                {
                    "id": story["newid"],
                    "date": story["date"],
                    "title": story["title"],
                    "text": story["body"],
                },
                fields={},
                origin=f"{corpus}:{number}",
                default_id=str(number),
                fallback_date=None,
            )
            if isinstance(article, Article):  # else its body was empty after normalising
                yield article
                taken += 1
                if taken == n:
                    return


def sample_row(event: Event, title: str) -> dict[str, object]:
    """One event for reading by hand: where it was read, what it says and why."""

    def side(mentions: tuple[Mention, ...]) -> list[dict[str, str]]:
        return [{"text": m.span.text, "actor": m.actor.id, "code": m.actor.code} for m in mentions]

    return {
        "article_id": event.article_id,
        "title": title,
        "sentence": event.evidence.sentence.text,
        "trigger": event.evidence.trigger.text,
        "code": event.cameo.code,
        "name": event.cameo.name,
        "modality": event.modality,
        "reciprocal": event.reciprocal,
        "sources": side(event.sources),
        "targets": side(event.targets),
        "confidence": event.confidence,
        "reasons": list(event.reasons),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="stories to code")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE, help="sample file (JSONL)")
    parser.add_argument("--sample-size", type=int, default=30, metavar="K")
    parser.add_argument(
        "--hostile", action="store_true", help="also print every hostile event with its sentence"
    )
    args = parser.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"corpus not found: {args.corpus} (needs ../shared; pass --corpus)")

    from kabar.ontology import load_cameo
    from kabar.pipeline import Pipeline

    articles = list(select_stories(args.corpus, args.n))
    titles = {a.id: a.title for a in articles}
    stories = sentences = failed = 0
    events: list[Event] = []
    for result in Pipeline.default().run(articles):
        stories += 1
        if result.error:
            failed += 1
            print(f"kabar: {result.error}", file=sys.stderr)
            continue
        sentences += result.sentences
        events.extend(result.events)

    def per_thousand(count: int) -> float:
        return 1000 * count / max(sentences, 1)

    asserted = sum(e.modality == "asserted" for e in events)
    hostile = [e for e in events if int(e.cameo.root) >= FIRST_HOSTILE_ROOT]
    print(
        f"input: first {stories} Reuters-21578 stories with topics outside "
        f"{', '.join(sorted(POLITICAL_TOPICS))} ({failed} failed)"
    )
    print(f"sentences: {sentences:,}; events: {len(events)}")
    print(f"events per 1,000 sentences: {per_thousand(len(events)):.1f}")
    print(f"  asserted only:            {per_thousand(asserted):.1f}")
    print(
        f"hostile events (roots 10-20): {len(hostile)} "
        f"({per_thousand(len(hostile)):.1f} per 1,000 sentences)"
    )
    if args.hostile:
        for event in hostile:
            sides = [
                "+".join(m.actor.code or m.actor.id for m in group) or "-"
                for group in (event.sources, event.targets)
            ]
            print(
                f"  {event.cameo.code} {sides[0]}>{sides[1]} {event.modality} "
                f"'{event.evidence.trigger.text}': {event.evidence.sentence.text}"
            )
    print(f"\n{'root':<6}{'name':<40}{'events':>8}{'per 1k':>8}")
    cameo = load_cameo()
    for root, count in sorted(Counter(e.cameo.root for e in events).items()):
        print(f"{root:<6}{cameo.get(root).name[:38]:<40}{count:>8}{per_thousand(count):>8.1f}")

    k = min(args.sample_size, len(events))
    # Evenly spaced over the events in text order: no choice by code or confidence,
    # so the sample shows the typical event, not the worst.
    sample = [events[i * len(events) // k] for i in range(k)]
    args.sample.parent.mkdir(parents=True, exist_ok=True)
    with args.sample.open("w", encoding="utf-8") as out:
        for event in sample:
            out.write(json.dumps(sample_row(event, titles[event.article_id])) + "\n")
    print(f"\n{len(sample)} sample events written to {args.sample}")


if __name__ == "__main__":
    main()
