"""Regenerate samples/expected/*.json from samples/*.txt (run by `make samples`).

Run it on purpose, after a change that improves the output, and review the
diff of samples/expected/ before committing: tests/test_samples.py keeps the
two in agreement."""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from extractor.api import Pipeline  # noqa: E402


def main():
    pipe = Pipeline()
    folder = os.path.join(ROOT, "samples")
    os.makedirs(os.path.join(folder, "expected"), exist_ok=True)
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            doc = pipe.extract(f.read(), id=f"samples/{name}").to_dict()
        with open(os.path.join(folder, "expected", name[:-4] + ".json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(f"{name}: {len(doc['events'])} events", file=sys.stderr)


if __name__ == "__main__":
    main()
