"""The fictitious names and words of the generator, read from ``words.json`` next to this file,
and the pool that draws distinct names from them.

Names are fictitious: places are made of invented syllables ("Merkelveen", "Oost-Bolderwaard"),
persons combine common first names with invented surnames. The lists are data, not code; their
order matters (the generator draws from them with a seeded ``random.Random``), so a change to
the file changes the generated data of every seed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

_WORDS = json.loads((Path(__file__).with_name("words.json")).read_text(encoding="utf-8"))

# Invented syllables: three parts make a place name that reads Dutch but is no real place.
STEM_A: list[str] = _WORDS["STEM_A"]
STEM_B: list[str] = _WORDS["STEM_B"]
PLACE_END: list[str] = _WORDS["PLACE_END"]
PLACE_PREFIX: list[str] = _WORDS["PLACE_PREFIX"]
LANDSCAPE: list[str] = _WORDS["LANDSCAPE"]
SUB_LANDSCAPE: list[str] = _WORDS["SUB_LANDSCAPE"]
COMPASS: list[str] = _WORDS["COMPASS"]
FIRST_NAMES: list[str] = _WORDS["FIRST_NAMES"]
SURNAME_END: list[str] = _WORDS["SURNAME_END"]
TUSSENVOEGSEL: list[str] = _WORDS["TUSSENVOEGSEL"]

#: The function of a partner's director, by the key of a regional organisation or the name of a
#: national one.
PARTNER_TITLES: dict[str, str] = _WORDS["PARTNER_TITLES"]

#: Per theme: (knelpunten, action topics).
THEME_CONTENT: dict[str, tuple[list[str], list[str]]] = {
    theme: (knelpunten, topics) for theme, (knelpunten, topics) in _WORDS["THEME_CONTENT"].items()
}
GENERIC_KNELPUNTEN: list[str] = _WORDS["GENERIC_KNELPUNTEN"]
GENERIC_TOPICS: list[str] = _WORDS["GENERIC_TOPICS"]
ACTION_FORMS: list[str] = _WORDS["ACTION_FORMS"]
WEIGHING_TEXTS: list[str] = _WORDS["WEIGHING_TEXTS"]
PROGRESS_TEXTS: list[str] = _WORDS["PROGRESS_TEXTS"]

# Case reflections: texts in general terms, without digits (the personal-data guard finds none).
REFLECTION_TITLES: list[str] = _WORDS["REFLECTION_TITLES"]
REFLECTION_TEXT: dict[str, str] = _WORDS["REFLECTION_TEXT"]
#: (common challenge, assignment) of a Stamtafel conclusion.
CHALLENGES: list[tuple[str, str]] = [tuple(pair) for pair in _WORDS["CHALLENGES"]]

#: (working group, the theme it works on).
WORKING_GROUPS: list[tuple[str, str]] = [tuple(pair) for pair in _WORDS["WORKING_GROUPS"]]
PROJECTS: list[str] = _WORDS["PROJECTS"]
PROPOSED: list[str] = _WORDS["PROPOSED"]
LOCATION_KINDS: list[str] = _WORDS["LOCATION_KINDS"]


class NamePool:
    """Distinct fictitious names drawn from one ``random.Random``."""

    def __init__(self, rng: random.Random, taken: set[str] | None = None):
        self.rng = rng
        self.taken = set(taken or ())

    def _draw(self, make: Callable[[], str]) -> str:
        for _attempt in range(1000):
            name = make()
            if name not in self.taken:
                self.taken.add(name)
                return name
        raise RuntimeError("Geen nieuwe namen meer te maken.")

    def _core(self) -> str:
        r = self.rng
        return r.choice(STEM_A) + r.choice(STEM_B)

    def place(self) -> str:
        def make() -> str:
            name = self._core() + self.rng.choice(PLACE_END)
            if self.rng.random() < 0.08:
                name = self.rng.choice(PLACE_PREFIX) + name
            return name

        return self._draw(make)

    def region(self) -> str:
        def make() -> str:
            core = self._core() + self.rng.choice(LANDSCAPE)
            if self.rng.random() < 0.45:
                return f"{self.rng.choice(COMPASS)}-{core}"
            return core

        return self._draw(make)

    def sub_region(self) -> str:
        return self._draw(lambda: self._core() + self.rng.choice(SUB_LANDSCAPE))


def person_name(rng: random.Random) -> str:
    surname = rng.choice(STEM_A) + rng.choice(STEM_B) + rng.choice(SURNAME_END)
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(TUSSENVOEGSEL)}{surname}"
