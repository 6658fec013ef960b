"""Write extractor/data/givenchars.tsv: how typical each character is of Chinese given names.

Source: the dictionary shipped with jieba (jieba/dict.txt, MIT licence). For every
character, the log-ratio between its share of the given-name characters of the
three-character words tagged nr whose first character is a surname of
data/surnames.txt (陈剑虹 -> 剑, 虹) and its share of the characters of all the
other words. Kept as a band, a (> 1.5, typical of names: 伟, 芳, 德) or b (> 0);
characters not listed are band c (说, 了, 上, but also 舟, 远: the dictionary's
names are older than today's, so a low ratio is no evidence against a name).
Run: python scripts/make_givenchars.py (deterministic; needs jieba installed).
"""
import collections
import math
import os

import jieba

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "extractor", "data")


def main():
    surnames = set()
    for line in open(os.path.join(DATA, "surnames.txt"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            surnames.add(line.split()[0])
    name, other = collections.Counter(), collections.Counter()
    for line in open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8"):
        w, _, tag = line.split()
        if tag == "nr" and len(w) == 3 and w[0] in surnames:
            name.update(w[1:])
        elif tag != "nr":
            other.update(w)
    n, a = sum(name.values()), sum(other.values())
    rows = []
    for c in sorted(set(name) | set(other)):
        x = math.log((name[c] + 0.5) / n) - math.log((other[c] + 0.5) / a)
        band = "a" if x > 1.5 else "b" if x > 0 else None
        if band and "\u4e00" <= c <= "\u9fff":
            rows.append(f"{c}\t{band}\n")
    with open(os.path.join(DATA, "givenchars.tsv"), "w", encoding="utf-8") as f:
        f.write("# givenchars.tsv: how typical a character is of Chinese given names, as a band a > b\n"
                "# (unlisted: c). Derived from jieba's dictionary (dict.txt, MIT licence) by\n"
                "# scripts/make_givenchars.py: given-name characters of its nr-tagged surname + two-character\n"
                "# words against all its other words. General statistics of the language, no names listed.\n")
        f.writelines(rows)
    print(len(rows), "characters")


if __name__ == "__main__":
    main()
