"""Realistic UK postcodes for seeded people: real outward codes, plausible inward codes.

The outward codes (the part before the space) are real districts in the north of England, so
circles and maps look like a real co-op's. The inward code is made up in the right shape: a digit
and two letters from those Royal Mail uses (never C, I, K, M, O or V).
"""

import random

INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _districts(area: str, numbers: list[int]) -> list[str]:
    return [f"{area}{n}" for n in numbers]


# (post town, Places Circle it belongs to, its real outward codes)
AREAS: list[tuple[str, str, list[str]]] = [
    ("Leeds", "West Yorkshire", _districts("LS", list(range(1, 30)))),
    ("Bradford", "West Yorkshire", _districts("BD", list(range(1, 25)))),
    ("Halifax", "West Yorkshire", _districts("HX", list(range(1, 8)))),
    ("Huddersfield", "West Yorkshire", _districts("HD", list(range(1, 10)))),
    ("Wakefield", "West Yorkshire", _districts("WF", list(range(1, 18)))),
    ("Oldham", "Greater Manchester", _districts("OL", list(range(1, 17)))),
    (
        "Manchester",
        "Greater Manchester",
        _districts("M", [*range(1, 36), 38, 40, 41, 43, 44, 45, 46, 50]),
    ),
    ("Stockport", "Greater Manchester", _districts("SK", list(range(1, 18)))),
    ("Bolton", "Greater Manchester", _districts("BL", list(range(1, 10)))),
    (
        "Sheffield",
        "South Yorkshire",
        _districts("S", [*range(1, 15), 17, 18, 20, 21, 25, 26, 35, 36]),
    ),
    ("Harrogate", "North Yorkshire", _districts("HG", list(range(1, 6)))),
    ("York", "North Yorkshire", _districts("YO", [1, 10, 19, 23, 24, 26, 30, 31, 32])),
]

# The demo's two local circles and the districts their people live in.
CALDER_VALLEY = ["HX7", "OL14", "HX2", "HX6"]
LEEDS = ["LS6", "LS7", "LS8", "LS11", "LS12"]


def postcode(rng: random.Random, outward: str) -> str:
    """A postcode in ``outward``, e.g. ``LS6 2AB``."""
    return f"{outward} {rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"


def all_districts() -> list[tuple[str, str, str]]:
    """Every (post town, Places Circle, outward code) in a fixed order."""
    return [(town, region, code) for town, region, codes in AREAS for code in codes]
