#!/usr/bin/env python3
"""Validate JSON files against the checked-in JSON Schema (swid/schema/coswid.schema.json) with the
`jsonschema` package, an implementation independent of this project. Also checks that the
validator does reject: each file with `tag-id` removed, and with `tag-version` as text, must fail.

Usage: json_schema_check.py SCHEMA DIR...
"""
import json
import pathlib
import sys

import jsonschema


def main() -> int:
    schema = json.loads(pathlib.Path(sys.argv[1]).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(p for d in sys.argv[2:] for p in pathlib.Path(d).glob("*.json"))
    bad = 0
    for path in files:
        doc = json.loads(path.read_text())
        errors = list(validator.iter_errors(doc))
        if errors:
            bad += 1
            print(f"{path}: {errors[0].json_path}: {errors[0].message}", file=sys.stderr)
        broken = dict(doc)
        broken.pop("tag-id", None)
        if validator.is_valid(broken):
            bad += 1
            print(f"{path}: still valid without tag-id: the schema check is broken", file=sys.stderr)
        broken = dict(doc, **{"tag-version": "1"})
        if validator.is_valid(broken):
            bad += 1
            print(f"{path}: still valid with a text tag-version: the schema check is broken", file=sys.stderr)
    print(f"json-schema: {len(files)} file(s), {'all valid' if bad == 0 else f'{bad} problem(s)'}")
    return 1 if bad or not files else 0


if __name__ == "__main__":
    sys.exit(main())
