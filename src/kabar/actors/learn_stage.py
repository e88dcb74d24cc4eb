"""The pipeline stage that records office-holder claims into the learned layer.

It reads claims from every parsed article (:class:`~kabar.actors.learned.ClaimReader`)
and writes them in batches, one transaction per :data:`FLUSH_EVERY` articles and
one at the end of the run (``finish``), never a commit per article. A store that
cannot be written never costs events: the stage notes the first error, stops
learning for the rest of the run, lets coding go on, and raises the error from
``finish``, after the last article's events have been handed out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kabar.errors import LearnedStoreError

if TYPE_CHECKING:
    from kabar.actors.learned import Claim, ClaimReader
    from kabar.actors.learned_store import LearnedStore
    from kabar.pipeline import Analysis

__all__ = ["FLUSH_EVERY", "LearnStage"]

# Articles between writes: four parse batches of 64. A crash loses at most this
# much learning, and SQLite's per-commit sync (~5 ms here) stays out of the
# per-article cost.
FLUSH_EVERY = 256


class LearnStage:
    """Reads claims from each article's parse and records them; changes no field."""

    name = "learn"
    requires = frozenset({"article", "doc"})
    provides: frozenset[str] = frozenset()  # a sink: it writes the learned layer only

    def __init__(
        self, reader: ClaimReader, store: LearnedStore, flush_every: int = FLUSH_EVERY
    ) -> None:
        self._reader = reader
        self._store = store
        self._flush_every = flush_every
        self._pending: list[Claim] = []
        self._articles = 0
        self.error: LearnedStoreError | None = None

    def __call__(self, analysis: Analysis) -> Analysis:
        if self.error is not None or analysis.doc is None:
            return analysis
        self._pending.extend(self._reader.read(analysis.article, analysis.doc))
        self._articles += 1
        if self._articles >= self._flush_every:
            self._flush()
        return analysis

    def _flush(self) -> None:
        claims, self._pending, self._articles = self._pending, [], 0
        if self.error is not None:
            return
        try:
            self._store.record(claims)
        except LearnedStoreError as exc:
            self.error = exc  # keep coding: the events of the run matter more

    def finish(self) -> None:
        """Write what is pending and close the store; raise the run's store error."""
        self._flush()
        self._store.close()
        error, self.error = self.error, None
        if error is not None:
            raise error
