"""Throughput and memory of `kabar code` next to raw spaCy on the same texts.

    .venv/bin/python bench/throughput.py [--n 1000] [--corpus PATH]

Takes the first N stories of the Reuters-21578 corpus in ../shared, writes them
as a JSONL input, and runs, each in a fresh process so peak RSS is its own:

  spacy  load en_core_web_sm (plain) and nlp.pipe over the same normalised texts
  kabar  the full `kabar code` command: read, normalise, parse, code, write JSONL

Both are timed whole (including model load) and in steady state (parsing and
coding only). A third run times kabar's parse and its coding stages apart, so
the cost of coding can be stated as a share of the parse. Figures are printed;
nothing is asserted: machines here are noisy, which is why the baseline runs in
the same invocation.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
DEFAULT_CORPUS = HERE.parents[2] / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_input(corpus: Path, n: int, out: Path) -> int:
    """Write the first n titled stories as kabar JSONL; returns their word count."""
    words = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        written = 0
        for line in src:
            story = json.loads(line)
            if not story.get("title") or not story.get("body"):
                continue
            record = {
                "id": story["newid"],
                "date": story["date"],
                "title": story["title"],
                "text": story["body"],
            }
            dst.write(json.dumps(record) + "\n")
            words += len(story["body"].split())
            written += 1
            if written == n:
                break
    return words


def child_spacy(input_path: Path) -> dict[str, float]:
    started = time.perf_counter()
    import spacy

    from kabar.nlp import find_model
    from kabar.readers import read_articles

    texts = [a.text for a in read_articles([input_path])]
    nlp = spacy.load(find_model()[1])
    loaded = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    done = time.perf_counter()
    return {"total_s": done - started, "steady_s": done - loaded, "peak_rss_mb": _peak_rss_mb()}


def child_kabar(input_path: Path) -> dict[str, float]:
    started = time.perf_counter()
    from kabar import code_articles
    from kabar.export.jsonl import write_events
    from kabar.pipeline import Pipeline
    from kabar.readers import read_articles

    articles = list(read_articles([input_path]))
    pipeline = Pipeline.default()
    loaded = time.perf_counter()
    events = sentences = 0
    with Path("/dev/null").open("w", encoding="utf-8") as sink:
        for result in code_articles(articles, pipeline=pipeline):
            sentences += result.sentences
            events += write_events(result.events, sink)
    done = time.perf_counter()
    return {
        "total_s": done - started,
        "steady_s": done - loaded,
        "peak_rss_mb": _peak_rss_mb(),
        "events": events,
        "sentences": sentences,
    }


def child_split(input_path: Path) -> dict[str, float]:
    """kabar's parse and each stage after it, timed apart, as `kabar code` runs them
    (learning on, into a throw-away $KABAR_HOME). Also: the actor ruler alone, and
    the time spent resolving actors inside the event stage, so that the cost of
    actor resolution (ruler + resolution) can be stated on its own."""
    import os

    os.environ["KABAR_HOME"] = tempfile.mkdtemp(prefix="kabar-bench-")
    from kabar.actors import resolve
    from kabar.pipeline import Analysis, Pipeline
    from kabar.readers import read_articles

    resolving = {"s": 0.0, "depth": 0}

    def timed(method):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            resolving["depth"] += 1
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                resolving["depth"] -= 1
                if resolving["depth"] == 0:
                    resolving["s"] += time.perf_counter() - started

        return wrapper

    for name in ("resolve", "resolve_group", "unresolved"):
        setattr(resolve.ArticleActors, name, timed(getattr(resolve.ArticleActors, name)))

    articles = list(read_articles([input_path]))
    pipeline = Pipeline.default(learn=True)
    texts = [a.text for a in articles]
    # The actor ruler on its own, over tokenised copies: a difference of two whole
    # parses would drown it in the machine's noise.
    ruler = pipeline.nlp.get_pipe("kabar_actors")
    bare = [pipeline.nlp.make_doc(text) for text in texts]
    before = time.perf_counter()
    for doc in bare:
        ruler(doc)
    ruler_s = time.perf_counter() - before
    started = time.perf_counter()
    docs = list(pipeline.nlp.pipe(texts, batch_size=64))
    parsed = time.perf_counter()
    stage_s = {stage.name: 0.0 for stage in pipeline.stages}
    for article, doc in zip(articles, docs, strict=True):
        analysis = Analysis(article, doc=doc)
        for stage in pipeline.stages:
            before = time.perf_counter()
            analysis = stage(analysis)
            stage_s[stage.name] += time.perf_counter() - before
    for stage in pipeline.stages:
        finish = getattr(stage, "finish", None)
        if finish is not None:
            before = time.perf_counter()
            finish()
            stage_s[stage.name] += time.perf_counter() - before
    coded = time.perf_counter()
    return {
        "parse_s": parsed - started,
        "code_s": coded - parsed,
        "ruler_s": ruler_s,
        "resolve_s": resolving["s"],
        **{f"stage_{name}_s": seconds for name, seconds in stage_s.items()},
        "peak_rss_mb": _peak_rss_mb(),
    }


def run_child(kind: str, input_path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(HERE), "--child", kind, "--input", str(input_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--child", choices=["spacy", "kabar", "split"], help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        children = {"spacy": child_spacy, "kabar": child_kabar, "split": child_split}
        print(json.dumps(children[args.child](args.input)))
        return
    if not args.corpus.is_file():
        sys.exit(f"corpus not found: {args.corpus} (needs ../shared; pass --corpus)")
    with tempfile.TemporaryDirectory() as tmp:
        input_path = Path(tmp) / "reuters.jsonl"
        words = write_input(args.corpus, args.n, input_path)
        spacy_run = run_child("spacy", input_path)
        kabar_run = run_child("kabar", input_path)
        split_run = run_child("split", input_path)
    print(f"input: first {args.n} Reuters-21578 stories, {words:,} words")
    print(f"{'run':<8}{'total s':>9}{'steady s':>10}{'art/s':>8}{'words/s':>9}{'peak MB':>9}")
    for name, run in (("spacy", spacy_run), ("kabar", kabar_run)):
        print(
            f"{name:<8}{run['total_s']:>9.1f}{run['steady_s']:>10.1f}"
            f"{args.n / run['steady_s']:>8.1f}{words / run['steady_s']:>9.0f}"
            f"{run['peak_rss_mb']:>9.0f}"
        )
    print(
        f"kabar/spacy time ratio: total {kabar_run['total_s'] / spacy_run['total_s']:.2f}, "
        f"steady {kabar_run['steady_s'] / spacy_run['steady_s']:.2f}"
    )
    parse_s, code_s = split_run["parse_s"], split_run["code_s"]
    print(
        f"kabar split: parse (spaCy + actor ruler) {parse_s:.1f} s, stages after the parse "
        f"{code_s:.2f} s = {100 * code_s / parse_s:.1f}% of the parse"
    )
    total = parse_s + code_s
    for key, seconds in split_run.items():
        if key.startswith("stage_"):
            name = key[len("stage_") : -len("_s")]
            print(
                f"  stage {name:<8} {seconds:6.2f} s  {1000 * seconds / args.n:6.2f} ms/article  "
                f"{100 * seconds / total:5.1f}% of pipeline time"
            )
    ruler_s = split_run["ruler_s"]
    actor_s = ruler_s + split_run["resolve_s"]
    print(
        f"  actor resolution: entity ruler {ruler_s:.2f} s + resolution in the event stage "
        f"{split_run['resolve_s']:.2f} s = {100 * actor_s / total:.1f}% of pipeline time"
    )
    print(
        f"kabar: {kabar_run['sentences']:.0f} sentences, {kabar_run['events']:.0f} events "
        f"({1000 * kabar_run['events'] / max(kabar_run['sentences'], 1):.1f} per 1,000 sentences)"
    )


if __name__ == "__main__":
    main()
