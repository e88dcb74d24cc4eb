"""Actors: countries, nationality adjectives, capitals and country-typed roles."""
