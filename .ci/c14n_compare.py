#!/usr/bin/env python3
"""Independent check (Python's expat and C14N 2.0, not this project's code) that re-encoded tags
mean what their inputs meant.

usage: c14n_compare.py DIR [--unordered]
DIR holds NAME.in.xml / NAME.out.xml pairs written by the swid tests. Each pair must be equal under
C14N 2.0 with prefixes rewritten and white space stripped. With --unordered (the canonical form,
which groups children by kind) sibling order is ignored, and an empty `role` attribute counts as
absent (the canonical form writes an empty role list as no attribute).
"""
import pathlib
import sys
import xml.etree.ElementTree as ET


def c14n(path: pathlib.Path) -> str:
    return ET.canonicalize(from_file=str(path), with_comments=False, strip_text=True, rewrite_prefixes=True)


def shape(elem: ET.Element) -> str:
    attrs = sorted((k, v) for k, v in elem.attrib.items() if not (k == "role" and v == ""))
    text = (elem.text or "").strip()
    kids = sorted(shape(c) + (c.tail or "").strip() for c in elem)
    return repr((elem.tag, attrs, text, kids))


def main() -> int:
    folder = pathlib.Path(sys.argv[1])
    unordered = "--unordered" in sys.argv[2:]
    pairs = sorted(folder.glob("*.in.xml"))
    if not pairs:
        print(f"c14n-compare: no pairs in {folder}", file=sys.stderr)
        return 2
    bad = 0
    for inp in pairs:
        out = inp.with_name(inp.name[: -len(".in.xml")] + ".out.xml")
        if unordered:
            same = shape(ET.parse(inp).getroot()) == shape(ET.parse(out).getroot())
        else:
            same = c14n(inp) == c14n(out)
        if not same:
            bad += 1
            print(f"c14n-compare: {inp.name[:-7]} differs", file=sys.stderr)
    print(f"c14n-compare: {len(pairs)} pair(s) in {folder.name}, {'all equal' if bad == 0 else f'{bad} differ'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
