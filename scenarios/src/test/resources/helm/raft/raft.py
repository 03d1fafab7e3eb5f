# A trimmed copy of the shape of ought/raft's loading script: only TASKS is read.
import datasets

DATA_DIR = "data/"
TASKS = {
    "ade_corpus_v2": {
        "name": "ade_corpus_v2",
        "description": "",
        "data_columns": ["Sentence", "ID"],
        "label_columns": {"Label": ["ADE-related", "not ADE-related"]},
    },
    "semiconductor_org_types": {
        "name": "semiconductor_org_types",
        "description": "",
        "data_columns": ["Paper title", "Organization name", "ID"],
        "label_columns": {
            "Label": [
                "company",
                "research institute",
                "university",
            ]
        },
    },
}
