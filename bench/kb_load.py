"""What the actor knowledge base costs to load: time and memory, in fresh processes.

    .venv/bin/python bench/kb_load.py [--runs 5]

Each run starts a new Python process that imports kabar, then loads the bundled
KB (``kabar.actors.kb.load_kb``: actors, aliases, dated roles, the curated file),
the country table and the role-word table, and reports the wall time of each load
and the growth of peak RSS over the bare import. The median and the range over
the runs are printed; nothing is asserted (machines here are noisy). As a
baseline, reading the KB's own files is timed in the same process, so a slow disk
shows as a slow baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

_PROBE = r"""
import json, resource, time
from importlib import resources

def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

import kabar.actors.kb as kb
from kabar.actors.countries import load_country_table, load_peoples, load_roles

base = rss_mb()
data = resources.files("kabar.data")
started = time.perf_counter()
raw = [p.read_bytes() for p in data.joinpath("kb").iterdir() if p.is_file()]
read_s = time.perf_counter() - started

started = time.perf_counter()
knowledge = kb.load_kb()
kb_s = time.perf_counter() - started
kb_rss = rss_mb() - base

started = time.perf_counter()
countries = load_country_table()
roles = load_roles()
peoples = load_peoples()
tables_s = time.perf_counter() - started

print(json.dumps({
    "read_s": read_s, "read_mb": sum(len(r) for r in raw) / 1e6,
    "kb_s": kb_s, "kb_rss_mb": kb_rss, "tables_s": tables_s,
    "actors": len(knowledge), "countries": len(list(countries)), "roles": len(list(roles)),
    "total_rss_mb": rss_mb(),
}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes to time")
    args = parser.parse_args(argv)
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    first = runs[0]
    print(
        f"KB: {first['actors']:,} actors; countries {first['countries']}; "
        f"role words {first['roles']}; KB files {first['read_mb']:.1f} MB"
    )
    for key, label, unit in (
        ("read_s", "read the KB files (baseline)", "s"),
        ("kb_s", "load_kb()", "s"),
        ("kb_rss_mb", "peak RSS added by load_kb()", "MB"),
        ("tables_s", "country, role, people tables", "s"),
        ("total_rss_mb", "peak RSS of the process", "MB"),
    ):
        values = [r[key] for r in runs]
        print(
            f"{label:32} median {statistics.median(values):7.2f} {unit}   "
            f"range {min(values):.2f}-{max(values):.2f}   ({len(values)} runs)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
