"""Command line: `python -m scripts check | generate [--check] | translations [--accept PAGE ...]`."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from scripts import editions, outputs, records
from scripts.errors import DataError
from scripts.generate import declared_outputs, outputs_for
from scripts.load import ROOT, load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder holding data/, docs/ and snippets/")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate data/ and report every problem; write nothing")
    gen = sub.add_parser("generate", help="validate data/ and write snippets/ (only files whose content changed)")
    gen.add_argument("--check", action="store_true", help="write nothing; fail if a committed snippet is stale")
    tr = sub.add_parser("translations", help="list Chinese pages whose English original changed since translation")
    tr.add_argument(
        "--accept",
        nargs="+",
        metavar="PAGE",
        default=[],
        help="after updating these translations (e.g. capex.zh.md), record the English they now match",
    )
    args = parser.parse_args(argv)
    if args.command == "translations":
        return translations(args.root / "docs", args.accept)
    try:
        if args.command == "check":
            ds = load(args.root / "data", args.root / "docs")
            print(f"data OK: {len(ds.sources)} sources, " + ", ".join(f"{len(v)} {k}" for k, v in ds.tables.items()))
            report_translations(args.root / "docs")
            return 0
        # The declaration's own files first: the loader fills the record types in scripts/records.py.
        declared = declared_outputs(args.root)
        if args.check:
            if problems := outputs.stale(declared, args.root, prune=False):
                return _out_of_date(problems)
            first: list[Path] = []
        else:
            first = outputs.write(declared, args.root, prune=False)
            if Path(records.__file__).resolve() in {p.resolve() for p in first}:
                importlib.reload(records)
        produced = outputs_for(args.root / "data", args.root / "docs", args.root)
    except DataError as exc:
        print(f"error: {len(exc.problems)} problem(s) in data/:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if args.check:
        if problems := outputs.stale(produced, args.root):
            return _out_of_date(problems)
        print(f"snippets up to date ({len(produced)} files)")
        return 0
    changed = first + outputs.write(produced, args.root)
    print(f"generated {len(produced)} files, {len(changed)} changed")
    for path in changed:
        print(f"  {path.relative_to(args.root)}")
    return 0


def report_translations(docs: Path) -> None:
    """Translations behind their English page: listed, not failed, so an English fix is never blocked."""
    stale = [t for t in editions.translations(docs) if t.stale]
    missing = editions.untranslated(docs)
    for t in stale:
        print(f"note: {t.page.relative_to(docs)} translates an older {t.english.relative_to(docs)}; it shows a notice")
    for page in missing:
        print(f"note: {page.relative_to(docs)} has no Chinese translation yet")
    if not stale and not missing:
        print("translations: every page has a current Chinese twin")


def translations(docs: Path, accept: list[str]) -> int:
    for name in accept:
        editions.accept(docs / name)
        print(f"recorded: {name} now translates the current {editions.english_of(docs / name).name}")
    report_translations(docs)
    return 0


def _out_of_date(problems: list[str]) -> int:
    print("error: generated files are out of date; run `make data`:", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
