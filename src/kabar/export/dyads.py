"""CAMEO-style dyads: an event split into one (source, target) pair per row.

kabar keeps compound actors compound ("Russia and China held talks" is one
reciprocal event with two sources), because that is what the text says. Tools
built for GDELT and PETRARCH expect one source and one target per row; this
module derives those rows, deterministically, so both views come from the
same event:

- each source acts on each target: sources [A, B], targets [C] -> A>C, B>C;
- a reciprocal event is read in both directions between every pair of its
  parties (sources and targets together): [A, B] -> A>B, B>A;
- a one-sided event without a target gives one row per source with no target
  (CAMEO codes such events with an empty target, e.g. a statement).

A pair of the same actor with itself is never produced.
"""

from __future__ import annotations

from dataclasses import dataclass

from kabar.model import Event, Mention


@dataclass(frozen=True, slots=True)
class Dyad:
    """One directed (source, target) row of an event; ``target`` is ``None`` when
    the event has none. ``index`` numbers the event's dyads from 0 in a stable order."""

    event: Event
    index: int
    source: Mention
    target: Mention | None


def dyads(event: Event) -> tuple[Dyad, ...]:
    """The event's CAMEO-style dyads, in source order then target order."""
    pairs: list[tuple[Mention, Mention | None]] = []
    if event.reciprocal:
        parties = _distinct(event.sources + event.targets)
        pairs = [(a, b) for a in parties for b in parties if a.actor.id != b.actor.id]
    elif event.targets:
        pairs = [
            (s, t) for s in event.sources for t in event.targets if s.actor.id != t.actor.id
        ]
    if not pairs:
        pairs = [(s, None) for s in _distinct(event.sources)]
    return tuple(Dyad(event, i, source, target) for i, (source, target) in enumerate(pairs))


def _distinct(mentions: tuple[Mention, ...]) -> list[Mention]:
    """First mention of each actor, in order: "Russia and Russia's president"
    resolve to different actors and stay; the same actor named twice does not."""
    seen: set[str] = set()
    out: list[Mention] = []
    for mention in mentions:
        if mention.actor.id not in seen:
            seen.add(mention.actor.id)
            out.append(mention)
    return out
