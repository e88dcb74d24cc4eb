"""What an export writer needs to know about dedup clusters, and nothing more.

Writers take clusters as anything with these read-only attributes: the in-memory
``kabar.dedup.Cluster`` has them, and so can a store's own record, so a writer does
not care where the clusters came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol


class ClusterInfo(Protocol):
    """One dedup cluster as writers see it: its id, member events and counts."""

    @property
    def id(self) -> str: ...

    @property
    def event_ids(self) -> tuple[str, ...]: ...

    @property
    def num_mentions(self) -> int: ...

    @property
    def num_sources(self) -> int: ...

    @property
    def num_articles(self) -> int: ...

    @property
    def first_seen(self) -> dt.date | None: ...

    @property
    def last_seen(self) -> dt.date | None: ...


def by_event(clusters: Iterable[ClusterInfo] | None) -> dict[str, ClusterInfo]:
    """Each member event id mapped to its cluster (empty when there are none)."""
    index: dict[str, ClusterInfo] = {}
    for cluster in clusters or ():
        for event_id in cluster.event_ids:
            index[event_id] = cluster
    return index
