"""Build ``src/kabar/data/cameo_codes.tsv``: every CAMEO event code with its codebook facts.

Input: GDELT's CAMEO lookup tables in ``../shared/kb/cameo_gdelt_lookups``
(``CAMEO.eventcodes.txt`` and ``CAMEO.goldsteinscale.txt``), the CAMEO codebook of
Schrodt et al. as distributed by GDELT. Output columns: ``code``, ``name``, ``root``
(two digits), ``quad_class`` (GDELT's QuadClass, from the root) and ``goldstein``.

The build is reproducible: the same input gives a byte-identical file, rows sorted by
code (string order keeps every code right after its parent: 04, 040, 041 ...).
Anomalies found in the input are repaired by the explicit rules below and reported
on stderr; anything else unexpected stops the build.

    python tools/build_cameo.py [--shared DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_OUT = REPO / "src" / "kabar" / "data" / "cameo_codes.tsv"
LOOKUPS = Path("kb") / "cameo_gdelt_lookups"

HEADER = (
    "# CAMEO event codes: CAMEO codebook (Schrodt et al.) as distributed by GDELT "
    "(CAMEO.eventcodes.txt, CAMEO.goldsteinscale.txt); free and open, cite GDELT and CAMEO. "
    "quad_class follows GDELT (roots 01-05 1, 06-09 2, 10-14 3, 15-20 4). "
    "Built by tools/build_cameo.py: do not edit by hand.\n"
)
COLUMNS = ("code", "name", "root", "quad_class", "goldstein")

# GDELT's QuadClass is a function of the root: roots 01-05 verbal cooperation (1),
# 06-09 material cooperation (2), 10-14 verbal conflict (3), 15-20 material conflict (4).
QUAD_BY_LAST_ROOT = ((5, 1), (9, 2), (14, 3), (20, 4))

# GDELT's file glued code 106 onto the end of 1056's line, with its Goldstein score
# inline ("...engagement106:[-5.0] Demand withdrawal"), and left 106 out of the
# Goldstein table. The pattern recovers the code, score and name from that text.
GLUED = re.compile(
    r"^(?P<name>.*?)(?P<code>\d{3,4}):\[(?P<score>-?\d+(?:\.\d+)?)\]\s*(?P<rest>.+)$"
)

# Text errors of the GDELT copy, fixed against the CAMEO manual's wording.
NAME_FIXES = {
    # Mac-Roman curly quotes read as Latin-1, and the "t" of "third" lost with them.
    "044": 'Meet at a "third" location',
    "033": "Express intent to provide material aid, not specified below",  # "matyerial"
    "0355": "Express intent to allow international involvement (not mediation)",  # "to" lost
    "2041": "Use chemical, biological, or radiological weapons",  # "radiologicalweapons"
}


def quad_class(root: str) -> int:
    """GDELT QuadClass (1-4) of a two-digit CAMEO root."""
    number = int(root)
    for last, quad in QUAD_BY_LAST_ROOT:
        if 1 <= number <= last:
            return quad
    raise ValueError(f"CAMEO root {root!r} is outside 01-20")


def tidy_name(name: str) -> str:
    """Collapse runs of spaces; root titles in capitals become sentence case."""
    name = " ".join(name.split())
    if name.isupper():
        name = name[0] + name[1:].lower()
    return name


def read_table(path: Path) -> list[tuple[str, str]]:
    """Rows of a two-column GDELT lookup (header dropped), fields stripped of CR/LF."""
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise SystemExit(f"{path}:{number}: expected CODE<TAB>TEXT, got {line!r}")
        rows.append((parts[0].strip(), parts[1]))
    return rows


def build(shared: Path) -> tuple[str, list[str]]:
    """The TSV text and a list of the anomalies repaired on the way."""
    lookups = shared / LOOKUPS
    names: dict[str, str] = {}
    inline_scores: dict[str, float] = {}
    anomalies: list[str] = []
    for code, text in read_table(lookups / "CAMEO.eventcodes.txt"):
        glued = GLUED.match(text)
        if glued:
            text = glued["name"]
            extra = glued["code"]
            names[extra] = glued["rest"]
            inline_scores[extra] = float(glued["score"])
            anomalies.append(
                f"{extra}: glued to the line of {code}; recovered name {glued['rest']!r} "
                f"and Goldstein {glued['score']} from the inline marker"
            )
        names[code] = text
    scores: dict[str, float] = {}
    for code, text in read_table(lookups / "CAMEO.goldsteinscale.txt"):
        scores[code] = float(text)
    for code, score in inline_scores.items():
        if code in scores and scores[code] != score:
            raise SystemExit(f"{code}: inline Goldstein {score} contradicts table {scores[code]}")
        if code not in scores:
            anomalies.append(f"{code}: missing from CAMEO.goldsteinscale.txt; inline score used")
            scores[code] = score

    rows: list[str] = []
    for code in sorted(names):
        if not re.fullmatch(r"\d{2,4}", code):
            raise SystemExit(f"malformed CAMEO code {code!r}")
        if code not in scores:
            raise SystemExit(f"CAMEO code {code} has no Goldstein score")
        score = scores[code]
        if not -10.0 <= score <= 10.0:
            raise SystemExit(f"CAMEO code {code}: Goldstein {score} outside [-10, 10]")
        root = code[:2]
        if root not in names:
            raise SystemExit(f"CAMEO code {code}: its root {root} is not in the codebook")
        name = NAME_FIXES.get(code, names[code])
        if code in NAME_FIXES:
            anomalies.append(f"{code}: name {names[code]!r} corrected to {name!r}")
        rows.append("\t".join((code, tidy_name(name), root, str(quad_class(root)), f"{score:.1f}")))
    for code in sorted(set(scores) - set(names)):
        anomalies.append(f"{code}: has a Goldstein score but no name; left out")
    text = HEADER + "\t".join(COLUMNS) + "\n" + "".join(row + "\n" for row in rows)
    return text, anomalies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the ../shared folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="TSV file to write")
    args = parser.parse_args(argv)
    text, anomalies = build(args.shared)
    for anomaly in anomalies:
        print(f"anomaly: {anomaly}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {text.count(chr(10)) - 2} codes to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
