"""Places: the gazetteer, toponym recognition and resolution, and event location."""
