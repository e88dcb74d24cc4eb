"""Entity-ruler patterns for the actors kabar knows, each carrying its actor id.

Country names and capitals become ``GPE`` entities and nationality adjectives
``NORP`` entities, with ``ent_id_`` set to ``"ISO3:kind"`` (``"KGZ:capital"``) so
that resolution reads the country straight off the token. Names and aliases of
the actor knowledge base become ``PERSON`` or ``ORG`` entities with ``ent_id_``
``"kb:<actor id>"`` (``"kb:wd:Q7747"``).
"""

from __future__ import annotations

from typing import Any

from kabar.actors.countries import load_country_table

# Wire datelines and headlines come in capitals ("BISHKEK"); lower-case forms are
# never matched, since "chad", "turkey" and "china" are ordinary words.
_MIN_UPPER_LENGTH = 4


def ruler_patterns() -> list[dict[str, Any]]:
    """Phrase patterns for spaCy's entity ruler, deduplicated, in a stable order."""
    patterns: dict[tuple[str, str], dict[str, Any]] = {}
    for country in load_country_table():
        groups = (
            ("name", "GPE", (country.name, *country.names)),
            ("capital", "GPE", country.capitals),
            ("adjective", "NORP", country.adjectives),
        )
        for kind, label, forms in groups:
            for form in forms:
                for variant in _variants(form):
                    # The first country to claim a surface form keeps it; the table
                    # already has no alias shared by two countries.
                    patterns.setdefault(
                        (label, variant),
                        {"label": label, "pattern": variant, "id": f"{country.iso3}:{kind}"},
                    )
    from kabar.actors.kb import load_kb

    kb = load_kb()
    for text, actor_id in kb.surface_forms():
        entry = kb.get(actor_id)
        label = "PERSON" if entry is not None and entry.kind == "person" else "ORG"
        # Country names keep precedence: "Georgia" is the country, not a person.
        if ("GPE", text) in patterns or ("NORP", text) in patterns:
            continue
        patterns.setdefault(
            (label, text), {"label": label, "pattern": text, "id": f"kb:{actor_id}"}
        )
    return list(patterns.values())


def _variants(form: str) -> list[str]:
    variants = [form]
    if form.startswith("the "):
        variants.append("The " + form[4:])
    if len(form) >= _MIN_UPPER_LENGTH and form.upper() != form:
        variants.append(form.upper())
    return variants
