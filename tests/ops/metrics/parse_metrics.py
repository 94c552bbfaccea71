#!/usr/bin/python3
"""Parses a Prometheus text exposition file with the reference parser (python3-prometheus-client) and prints
its families as JSON, so the C++ test compares what Prometheus itself reads, not what we think we wrote.
A page the parser rejects exits non-zero with the parser's message on stderr."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as page:
        text = page.read()
    families = []
    for family in text_string_to_metric_families(text):
        families.append({
            "name": family.name,
            "type": family.type,
            "help": family.documentation,
            "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples],
        })
    json.dump(families, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
