"""A small test fixture in the format of HELM's bias_word_lists.py (not HELM's lists).

Only ADJECTIVE_LIST and PROFESSION_LIST are read; the rest is here so the parser meets
everything the real file contains: a docstring, imports, annotations and dicts of names.
"""

from typing import Dict, List


FEMALE_WORDS: List[str] = [
    "she",
    "her",
]

MALE_WORDS: List[str] = ["he", "him"]  # one line is fine too

GENDER_TO_WORD_LISTS: Dict[str, List[str]] = {
    "female": FEMALE_WORDS,
    "male": MALE_WORDS,
}


ADJECTIVE_LIST: List[str] = [
    "curious",
    "patient",
    # a comment inside the list
    'loud',
    "cheer" "ful",
]


PROFESSION_LIST: List[str] = [
    "student",
    "teacher",
    "nurse",
]
