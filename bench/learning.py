"""The cost of learning office holders from the text, next to the whole pipeline.

    .venv/bin/python bench/learning.py [--n 200] [--corpus PATH] [--show 20]

Takes the first N titled Reuters-21578 stories from ../shared, runs the standard
pipeline (parse, events, dates) once without the learning stage and once with it,
each timed in steady state (model loaded, one warm-up run first), and times the
claim reader and the store writes apart. Prints ms per article and the share of
pipeline time (best of --repeat interleaved runs), plus a sample of the claims
read, to judge them by hand. The store is a temporary file; nothing under
$KABAR_HOME is touched. Nothing is asserted: machines here are noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import tempfile
import time
from pathlib import Path

from kabar.actors.countries import load_country_table, load_roles
from kabar.actors.learn_stage import LearnStage
from kabar.actors.learned import Claim, ClaimReader
from kabar.actors.learned_store import LearnedStore
from kabar.model import Article
from kabar.pipeline import Pipeline
from kabar.readers.normalise import body

HERE = Path(__file__).resolve()
DEFAULT_CORPUS = HERE.parents[2] / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl.gz"


def read_stories(corpus: Path, n: int) -> list[Article]:
    articles = []
    with gzip.open(corpus, "rt", encoding="utf-8") as src:
        for line in src:
            story = json.loads(line)
            if not story.get("title") or not story.get("body"):
                continue
            day = dt.date.fromisoformat(story["date"][:10]) if story.get("date") else None
            _, text = body(story["body"])  # normalised as the readers do it
            articles.append(Article(id=str(story["newid"]), text=text, date=day))
            if len(articles) == n:
                break
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show", type=int, default=20, help="claims to print")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs of each pipeline")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"needs {args.corpus} (../shared is not beside this checkout)")
    articles = read_stories(args.corpus, args.n)
    base = Pipeline.default()
    reader = ClaimReader(load_country_table(), load_roles())
    list(base.run(articles[:20]))  # warm-up: lazy KB indexes, spaCy buffers

    with tempfile.TemporaryDirectory() as folder:
        store = LearnedStore(Path(folder) / "learned.sqlite3")
        learning = Pipeline(base.nlp, [*base.stages, LearnStage(reader, store)])
        # Interleaved runs, best of each: the two differ by less than the machine's noise.
        plain = with_learning = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            list(base.run(articles))
            plain = min(plain, time.perf_counter() - started)
            started = time.perf_counter()
            list(learning.run(articles))
            with_learning = min(with_learning, time.perf_counter() - started)
        entries = store.entries()
        store.close()

        docs = list(base.nlp.pipe(a.text for a in articles))
        started = time.perf_counter()
        claims: list[Claim] = []
        for article, doc in zip(articles, docs, strict=True):
            claims.extend(reader.read(article, doc))
        reading = time.perf_counter() - started
        again = LearnedStore(Path(folder) / "again.sqlite3")
        started = time.perf_counter()
        again.record(claims)
        writing = time.perf_counter() - started
        again.close()

    n = len(articles)
    per = 1000 / n
    print(f"{n} articles, {len(claims)} claims, {len(entries)} learned entries")
    print(f"pipeline without learning  {plain * per:7.2f} ms/article")
    print(f"pipeline with learning     {with_learning * per:7.2f} ms/article")
    print(f"  claim reader alone       {reading * per:7.3f} ms/article "
          f"({100 * reading / plain:.2f} % of pipeline time)")  # fmt: skip
    print(f"  store write (one batch)  {writing * per:7.3f} ms/article "
          f"({100 * writing / plain:.2f} % of pipeline time)")  # fmt: skip
    for claim in claims[: args.show]:
        print(f"  {claim.name!r:32} {claim.country} {claim.sector} {claim.office!r:40} "
              f"{claim.evidence.mention.text!r}")  # fmt: skip


if __name__ == "__main__":
    main()
