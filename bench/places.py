"""What geolocation costs: gazetteer load time and memory, and time per article.

    .venv/bin/python bench/places.py [--n 300] [--corpus FILE]

1. Loads the gazetteer in a fresh process: seconds, and peak RSS before and after.
2. Parses the first N titled Reuters-21578 stories once, runs the event stage on
   each parse, then times the place stage alone on the same parses and events: the
   time it adds per article (articles without events skip it, as in the pipeline).
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[1] / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"

_LOAD_PROBE = """
import resource, time
import kabar.actors.countries as c
c.load_country_table()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter()
from kabar.places.gazetteer import load_gazetteer
g = load_gazetteer()
seconds = time.perf_counter() - t
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{seconds:.3f} {before:.1f} {after:.1f} {len(g)}")
"""


def measure_load() -> str:
    out = subprocess.run(
        [sys.executable, "-c", _LOAD_PROBE], capture_output=True, text=True, check=True
    ).stdout.split()
    seconds, before, after, rows = float(out[0]), float(out[1]), float(out[2]), int(out[3])
    return (
        f"gazetteer load: {seconds:.2f} s for {rows:,} places; peak RSS {before:.0f} -> "
        f"{after:.0f} MB (+{after - before:.0f} MB)"
    )


def read_stories(corpus: Path, n: int, out: Path) -> None:
    """The first n titled stories as kabar JSONL, read back by kabar's reader so
    that datelines ("MOSCOW, March 3 -") are taken off as in real runs."""
    written = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            story = json.loads(line)
            if story.get("title") and story.get("body"):
                # The corpus keeps the dateline apart; put it back where wires have it.
                text = f"{story.get('dateline') or ''} {story['body']}".strip()
                record = {"id": story["newid"], "date": story["date"], "text": text}
                dst.write(json.dumps(record) + "\n")
                written += 1
                if written == n:
                    break


def measure_stage(corpus: Path, n: int) -> str:
    from kabar.pipeline import Analysis, Pipeline
    from kabar.places.gazetteer import load_gazetteer
    from kabar.places.stage import PlaceStage

    pipeline = Pipeline.default()
    events_stage = next(s for s in pipeline.stages if s.name == "events")
    place_stage = PlaceStage(load_gazetteer())
    from kabar.readers import read_articles

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stories.jsonl"
        read_stories(corpus, n, path)
        articles = list(read_articles([path]))
    docs = list(pipeline.nlp.pipe(a.text for a in articles))
    analyses = [events_stage(Analysis(a, doc=d)) for a, d in zip(articles, docs, strict=True)]
    started = time.perf_counter()
    located = [place_stage(a) for a in analyses]
    seconds = time.perf_counter() - started
    events = sum(len(a.events) for a in located)
    with_place = sum(e.location is not None for a in located for e in a.events)
    reasons: dict[str, int] = {}
    for analysis in located:
        for event in analysis.events:
            if event.location is not None:
                step = event.location.reason.split(":")[0]
                reasons[step] = reasons.get(step, 0) + 1
    assert all(dataclasses.replace(e, location=None).id == e.id for a in located for e in a.events)
    return (
        f"place stage: {seconds:.2f} s for {len(articles)} articles "
        f"({1000 * seconds / len(articles):.1f} ms per article; "
        f"{sum(bool(a.events) for a in analyses)} had events, "
        f"{sum(bool(a.article.dateline) for a in analyses)} a dateline); "
        f"{with_place}/{events} events located, by step {dict(sorted(reasons.items()))}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="stories to code")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="reuters21578.jsonl.gz")
    args = parser.parse_args(argv)
    print(measure_load())
    print(measure_stage(args.corpus, args.n))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
