"""The CAMEO event codebook bundled as ``kabar/data/cameo_codes.tsv``.

Built by ``tools/build_cameo.py`` from GDELT's distribution of the CAMEO codebook
(Schrodt et al.); see DATA_NOTICE.md. Loaded lazily, once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from kabar._datafiles import damaged, read_rows
from kabar.errors import ConfigError
from kabar.model import CameoCode

_FILE = "cameo_codes.tsv"
_COLUMNS = ("code", "name", "root", "quad_class", "goldstein")

# GDELT's QuadClass by root: 01-05 verbal cooperation, 06-09 material cooperation,
# 10-14 verbal conflict, 15-20 material conflict.
_QUAD_LAST_ROOT = ((5, 1), (9, 2), (14, 3), (20, 4))


def quad_class_for_root(root: str) -> int:
    """GDELT's QuadClass (1-4) of a two-digit CAMEO root ("01" .. "20").

    Raises ConfigError for anything that is not such a root.
    """
    if len(root) == 2 and root.isdigit():
        number = int(root)
        for last, quad in _QUAD_LAST_ROOT:
            if 1 <= number <= last:
                return quad
    raise ConfigError(f"'{root}' is not a CAMEO root: roots are two digits, 01 to 20")


def unknown_code(code: str) -> ConfigError:
    """The error for a code the codebook lacks, with a hint when a leading zero was lost."""
    hint = ""
    if code.isdigit() and f"0{code}" in load_cameo():
        # CSV readers that parse GDELT's EventCode as a number turn "042" into 42.
        hint = f" (did you mean '0{code}'? CAMEO codes keep their leading zero)"
    return ConfigError(
        f"unknown CAMEO code '{code}'{hint}: codes are listed in kabar/data/cameo_codes.tsv"
    )


class CameoCodebook:
    """Every CAMEO event code, looked up by its code string ("042").

    Invariants: codes are 2-4 digits and unique; each code's root (its first two
    digits) is itself in the codebook; ``quad_class`` is GDELT's for that root;
    ``goldstein`` lies in [-10, 10]. Iteration and ``codes()`` go in code order, which
    puts every code right after its parent ("04", "040", "041" ...).
    """

    __slots__ = ("_by_code",)

    def __init__(self, codes: Iterable[CameoCode]) -> None:
        by_code: dict[str, CameoCode] = {}
        for entry in codes:
            if entry.code in by_code:
                raise ValueError(f"CAMEO code {entry.code} listed twice")
            by_code[entry.code] = entry
        self._by_code = dict(sorted(by_code.items()))

    def get(self, code: str) -> CameoCode:
        """The entry for ``code``; ConfigError naming the code when there is none."""
        entry = self._by_code.get(code)
        if entry is None:
            raise unknown_code(code)
        return entry

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def codes(self) -> tuple[CameoCode, ...]:
        """All entries, in code order."""
        return tuple(self._by_code.values())

    def roots(self) -> tuple[CameoCode, ...]:
        """The 20 root entries ("01" .. "20"), in order."""
        return tuple(entry for entry in self._by_code.values() if len(entry.code) == 2)


@functools.cache
def load_cameo() -> CameoCodebook:
    """The bundled CAMEO codebook, read and checked once per process.

    Raises ResourceError when ``kabar/data/cameo_codes.tsv`` is missing or breaks an
    invariant of :class:`CameoCodebook`.
    """
    entries: list[CameoCode] = []
    for number, (code, name, root, quad, goldstein) in read_rows(_FILE, _COLUMNS):
        if not (code.isdigit() and 2 <= len(code) <= 4 and root == code[:2]):
            raise damaged(_FILE, number, f"code {code!r} with root {root!r} is malformed")
        try:
            entry = CameoCode(code, name, root, int(quad), float(goldstein))
            expected = quad_class_for_root(root)
        except (ValueError, ConfigError) as exc:
            raise damaged(_FILE, number, f"code {code}: {exc}") from exc
        if entry.quad_class != expected:
            raise damaged(_FILE, number, f"code {code}: quad_class {quad}, expected {expected}")
        if not -10.0 <= entry.goldstein <= 10.0:
            raise damaged(_FILE, number, f"code {code}: Goldstein {goldstein} outside [-10, 10]")
        entries.append(entry)
    try:
        book = CameoCodebook(entries)
    except ValueError as exc:
        raise damaged(_FILE, None, str(exc)) from exc
    missing_roots = sorted({entry.root for entry in book} - {entry.code for entry in book.roots()})
    if missing_roots:
        raise damaged(_FILE, None, f"roots {', '.join(missing_roots)} have codes but no entry")
    return book
