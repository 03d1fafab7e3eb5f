# Prism's bridge to spaCy for the synonym perturbation (SpacyTagger.java runs it with python3 -c).
# Protocol, one JSON object per line: first it says whether spaCy and en_core_web_sm load
#   {"ready": true, "spacy": "<version>"} or {"ready": false, "missing": "spacy"|"en_core_web_sm", "detail": "..."}
# then, for each line {"text": "..."} read from stdin, it answers
#   {"tokens": [[text, pos_, whitespace_], ...]} or {"error": "..."}
# and exits when stdin closes.
import json
import sys


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main():
    sys.stdin.reconfigure(encoding="utf-8")
    try:
        import spacy
    except ImportError as e:
        reply({"ready": False, "missing": "spacy", "detail": str(e)})
        return
    try:
        nlp = spacy.load("en_core_web_sm")
    except (OSError, ImportError) as e:
        reply({"ready": False, "missing": "en_core_web_sm", "detail": str(e)})
        return
    reply({"ready": True, "spacy": str(getattr(spacy, "__version__", "unknown"))})
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        try:
            doc = nlp(json.loads(line)["text"])
            reply({"tokens": [[t.text, t.pos_, t.whitespace_] for t in doc]})
        except Exception as e:  # reported to Java, which fails the perturbation with it
            reply({"error": type(e).__name__ + ": " + str(e)})


main()
