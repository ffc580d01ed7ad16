#!/usr/bin/env python3
"""Validate JSON files against a checked-in JSON Schema (swid/schema/coswid.schema.json,
ent/schema/ent.schema.json) with the `jsonschema` package, an implementation independent of this
project. Also checks that the validator does reject: each file with its REQUIRED key removed, and
with its INTEGER key as text, must fail.

Usage: json_schema_check.py [--required KEY|-] [--integer KEY] SCHEMA DIR...
(defaults: the CoSWID keys tag-id and tag-version; `-` when the schema requires no key, as for
an Ent, whose decoding leaves missing parts to validation)
"""
import json
import pathlib
import sys

import jsonschema


def main() -> int:
    args = sys.argv[1:]
    required, integer = "tag-id", "tag-version"
    while args and args[0] in ("--required", "--integer"):
        if args[0] == "--required":
            required = args[1]
        else:
            integer = args[1]
        args = args[2:]
    schema = json.loads(pathlib.Path(args[0]).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(p for d in args[1:] for p in pathlib.Path(d).glob("*.json"))
    bad = 0
    for path in files:
        doc = json.loads(path.read_text())
        errors = list(validator.iter_errors(doc))
        if errors:
            bad += 1
            print(f"{path}: {errors[0].json_path}: {errors[0].message}", file=sys.stderr)
        broken = dict(doc)
        broken.pop(required, None)
        if required != "-" and validator.is_valid(broken):
            bad += 1
            print(f"{path}: still valid without {required}: the schema check is broken", file=sys.stderr)
        broken = dict(doc, **{integer: "1"})
        if validator.is_valid(broken):
            bad += 1
            print(f"{path}: still valid with a text {integer}: the schema check is broken", file=sys.stderr)
    print(f"json-schema: {len(files)} file(s), {'all valid' if bad == 0 else f'{bad} problem(s)'}")
    return 1 if bad or not files else 0


if __name__ == "__main__":
    sys.exit(main())
