#!/usr/bin/env python
"""Show how kg's per-article counts differ from tests/corpus/expected-counts.tsv, and with
``--write`` put the new counts in the table (the checked_* columns and notes stay: they are
what a person counted). Every change it shows must be explained in the commit that makes it.

Usage: python tests/corpus/recount.py [--corpus DIR] [--write]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.test_corpus import COUNT_COLUMNS, COUNTS_FILE, counts_of  # noqa: E402

from kg.pipeline import Options, run  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=HERE.parents[2] / "shared" / "corpus")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    lines = COUNTS_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    comments = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader([line for line in lines if not line.startswith("#")], delimiter="\t"))
    changed = 0
    for row in rows:
        (result,) = run([str(args.corpus / row["file"])], Options(validate=False))
        now = counts_of(result)
        diffs = [f"{c} {row[c]}→{now[c]} (checked {row.get('checked_' + c, '?')})" for c in COUNT_COLUMNS if int(row[c]) != now[c]]
        if diffs:
            changed += 1
            print(f"{row['title']}: " + "; ".join(diffs))
            for c in COUNT_COLUMNS:
                row[c] = str(now[c])
    print(f"{changed} articles changed")
    if args.write and changed:
        with open(COUNTS_FILE, "w", encoding="utf-8", newline="") as fh:
            fh.writelines(comments)
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


if __name__ == "__main__":
    main()
