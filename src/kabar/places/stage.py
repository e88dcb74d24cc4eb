"""The pipeline stage that geolocates an article's events."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kabar.places.gazetteer import Gazetteer
from kabar.places.locate import locate_events
from kabar.places.recognise import recognise
from kabar.places.resolve import ArticleContext, resolve_toponyms

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kabar.model import Event
    from kabar.pipeline import Analysis


class PlaceStage:
    """Recognises and resolves the article's toponyms and sets each event's location.

    Event ids do not change: locating an event does not make it another event.
    """

    name = "places"
    requires = frozenset({"doc", "events"})
    provides = frozenset({"event_locations"})

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer

    def __call__(self, analysis: Analysis) -> Analysis:
        assert analysis.doc is not None  # guaranteed by Pipeline's order check
        if not analysis.events:
            return analysis  # most articles of a feed have none: no toponym work
        toponyms = recognise(analysis.doc, self._gazetteer)
        context = article_context(analysis.doc, analysis.article.dateline, analysis.events)
        resolved, dateline = resolve_toponyms(toponyms, self._gazetteer, context, analysis.doc.text)
        events = locate_events(analysis.events, resolved, dateline, self._gazetteer)
        return dataclasses.replace(analysis, events=events)


def article_context(doc: Doc, dateline: str, events: Sequence[Event] = ()) -> ArticleContext:
    """The resolution context of an article: its dateline, and the countries of its
    events' actors and of its nationality adjectives ("Kyrgyz").

    The entity ruler tags each adjective ``NORP`` with id ``"ISO3:adjective"``.
    """
    codes = [
        m.actor.country
        for event in events
        for m in (*event.sources, *event.targets)
        if m.actor.country
    ]
    codes += [ent.ent_id_.split(":")[0] for ent in doc.ents if ent.ent_id_.endswith(":adjective")]
    return ArticleContext(dateline, tuple(codes))
