"""Spelling distance for matching names as wire copy mistypes them.

Kept apart from the tables that use it (the knowledge base's ``near`` tier, the
country table's misspelt names): one small pure function, tested on its own.
"""

from __future__ import annotations


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of two words, an adjacent swap counting one; stops past
    ``limit`` (returning limit + 1)."""
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
