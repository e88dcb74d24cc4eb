"""Event ontologies: the CAMEO codebook and kabar's CAMEO -> PLOVER 2021 crosswalk.

Data is read from files bundled in ``kabar/data`` on first use and cached per
process; importing this package reads nothing.
"""

from __future__ import annotations

from kabar.ontology.cameo import CameoCodebook, load_cameo, quad_class_for_root
from kabar.ontology.plover import PLOVER_LEGACY_NAMES, PLOVER_TYPES, plover_for

__all__ = [
    "PLOVER_LEGACY_NAMES",
    "PLOVER_TYPES",
    "CameoCodebook",
    "load_cameo",
    "plover_for",
    "quad_class_for_root",
]
