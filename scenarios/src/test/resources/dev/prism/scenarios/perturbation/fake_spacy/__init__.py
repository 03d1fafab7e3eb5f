# A stand-in for spaCy in tests (spaCy is not installed there): the calls SpacyTagger's bridge makes,
# spacy.load("en_core_web_sm") and iterating nlp(text) for token.text / .pos_ / .whitespace_, with
# the tags en_core_web_sm gives HELM's synonym test sentence. Tests copy it to <tmp>/spacy/.
# FAKE_SPACY=no-model makes load fail as spaCy does without the model; a text containing "CRASH"
# raises, and one containing "HANG" sleeps, to test the bridge's error and timeout handling.
import os
import re
import time

__version__ = "0.0-fake"

TAGS = {
    "this": "PRON",
    "was": "AUX",
    "a": "DET",
    "good": "ADJ",
    "movie": "NOUN",
    "would": "AUX",
    "watch": "VERB",
    "again": "ADV",
}


class Token:
    def __init__(self, text, pos, whitespace):
        self.text = text
        self.pos_ = pos
        self.whitespace_ = whitespace


def load(name):
    if name != "en_core_web_sm" or os.environ.get("FAKE_SPACY") == "no-model":
        raise OSError("[E050] Can't find model '%s'." % name)

    def nlp(text):
        if "CRASH" in text:
            raise ValueError("fake spaCy crashed")
        if "HANG" in text:
            time.sleep(30)
        tokens = []
        for m in re.finditer(r"(^\s+|\w+|[^\w\s])(\s*)", text):
            word = m.group(1)
            pos = "SPACE" if word.isspace() else TAGS.get(word.lower(), "PUNCT" if not word[0].isalnum() else "X")
            tokens.append(Token(word, pos, m.group(2)))
        return tokens

    return nlp
