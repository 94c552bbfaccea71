#!/usr/bin/python3
"""Generates the kiosk's event ids (C++) and the technicians' event reference (Markdown) from kiosk/events.toml.

The catalogue is checked first (unique ids and names, known kinds, levels and dispositions, init/complete pairs
that point at a real init event); any mistake fails the build with a message naming the event.

    /usr/bin/python3 tools/gen-events.py --catalogue kiosk/events.toml \
        [--header event_ids.h] [--source event_table.cpp] [--docs docs/events.md]
"""

import argparse
import re
import sys
import tomllib

KINDS = ["system", "device", "session", "central", "print", "scan", "technician", "update", "audit", "telemetry"]
LEVELS = ["debug", "info", "warning", "error", "critical"]
DISPOSITIONS = ["success", "failure", "na", "either"]
REQUIRED_KEYS = ["id", "name", "kind", "level", "disposition", "doc"]
OPTIONAL_KEYS = ["completes"]
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
MAX_ID = 65535  # EventId is a std::uint16_t

REGENERATE = "/usr/bin/python3 tools/gen-events.py --catalogue kiosk/events.toml --docs docs/events.md"


class CatalogueError(Exception):
    pass


def camel_case(name):
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def describe(index, event):
    name = event.get("name") if isinstance(event, dict) else None
    ident = event.get("id") if isinstance(event, dict) else None
    return f"event #{index + 1} (id {ident!r}, name {name!r})"


def check_fields(index, event):
    """Mistakes within one [[event]] table."""
    errors = []
    where = describe(index, event)
    if not isinstance(event, dict):
        return [f"{where}: not a table"]
    for key in REQUIRED_KEYS:
        if key not in event:
            errors.append(f"{where}: missing `{key}`")
    for key in event:
        if key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS:
            errors.append(f"{where}: unknown key `{key}` (known: {', '.join(REQUIRED_KEYS + OPTIONAL_KEYS)})")
    ident = event.get("id")
    if "id" in event and (not isinstance(ident, int) or isinstance(ident, bool) or not 1 <= ident <= MAX_ID):
        errors.append(f"{where}: `id` must be an integer from 1 to {MAX_ID}")
    name = event.get("name")
    if "name" in event and (not isinstance(name, str) or not NAME_PATTERN.match(name)):
        errors.append(f"{where}: `name` must be snake_case (lower-case letters, digits, single underscores)")
    for key, known in (("kind", KINDS), ("level", LEVELS), ("disposition", DISPOSITIONS)):
        if key in event and event[key] not in known:
            errors.append(f"{where}: unknown {key} {event[key]!r} (known: {', '.join(known)})")
    doc = event.get("doc")
    if "doc" in event and (not isinstance(doc, str) or not doc.strip()):
        errors.append(f"{where}: `doc` must say what the event means and what a technician does")
    if "completes" in event and not isinstance(event["completes"], str):
        errors.append(f"{where}: `completes` must be the name of the init event")
    return errors


def check_catalogue(events):
    """Mistakes across events: duplicates and init/complete pairs. Returns the errors found."""
    errors = []
    for index, event in enumerate(events):
        errors += check_fields(index, event)
    if errors:
        return errors
    by_id, by_name, by_camel = {}, {}, {}
    for index, event in enumerate(events):
        where = describe(index, event)
        for table, key, what in ((by_id, event["id"], "id"), (by_name, event["name"], "name"),
                                 (by_camel, camel_case(event["name"]), "C++ name")):
            if key in table:
                errors.append(f"{where}: duplicate {what} {key!r}, already used by {describe(*table[key])}")
            else:
                table[key] = (index, event)
    for index, event in enumerate(events):
        target = event.get("completes")
        if target is None:
            continue
        where = describe(index, event)
        if target == event["name"]:
            errors.append(f"{where}: `completes` names the event itself")
        elif target not in by_name:
            errors.append(f"{where}: `completes` names {target!r}, which is not in the catalogue")
        elif "completes" in by_name[target][1]:
            errors.append(f"{where}: `completes` names {target!r}, which is itself a completion, not an init event")
    return errors


def load_catalogue(path):
    try:
        with open(path, "rb") as file:
            data = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CatalogueError([f"cannot read the catalogue: {error}"])
    unknown = [key for key in data if key != "event"]
    if unknown:
        raise CatalogueError([f"unknown top-level keys {unknown}: only [[event]] tables belong here"])
    events = data.get("event", [])
    if not isinstance(events, list) or not events:
        raise CatalogueError(["no [[event]] tables"])
    errors = check_catalogue(events)
    if errors:
        raise CatalogueError(errors)
    return sorted(events, key=lambda event: event["id"])


def cpp_string(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def render_header(events):
    lines = [
        "// Generated by tools/gen-events.py from kiosk/events.toml: do not edit. The kiosk's event ids; what each",
        "// means is in docs/events.md and in event_info(id).",
        "#pragma once",
        "",
        "#include <cstddef>",
        "#include <cstdint>",
        "",
        "namespace hk::ops {",
        "",
        "enum class EventId : std::uint16_t {",
    ]
    lines += [f"    {camel_case(event['name'])} = {event['id']}," for event in events]
    lines += [
        "};",
        "",
        f"inline constexpr std::size_t kEventCount = {len(events)};",
        "",
        "}  // namespace hk::ops",
        "",
    ]
    return "\n".join(lines)


def render_source(events):
    enum = {
        "kind": lambda value: f"EventKind::{value.capitalize()}",
        "level": lambda value: f"EventLevel::{value.capitalize()}",
        "disposition": lambda value: "DeclaredDisposition::NA" if value == "na" else
                                     f"DeclaredDisposition::{value.capitalize()}",
    }
    lines = [
        "// Generated by tools/gen-events.py from kiosk/events.toml: do not edit.",
        '#include "ops/events/event_catalogue.h"',
        "",
        "#include <array>",
        "",
        "namespace hk::ops {",
        "namespace {",
        "",
        "constexpr std::array<EventInfo, kEventCount> kEvents{{",
    ]
    for event in events:
        completes = (f"EventId::{camel_case(event['completes'])}" if "completes" in event else "std::nullopt")
        lines += [
            f"    {{EventId::{camel_case(event['name'])}, {cpp_string(event['name'])}, "
            f"{enum['kind'](event['kind'])}, {enum['level'](event['level'])}, "
            f"{enum['disposition'](event['disposition'])},",
            f"     {cpp_string(' '.join(event['doc'].split()))},",
            f"     {completes}}},",
        ]
    lines += [
        "}};",
        "",
        "}  // namespace",
        "",
        "std::span<const EventInfo> all_events() { return kEvents; }",
        "",
        "const EventInfo* find_event_info(EventId id) {",
        "    switch (id) {",
    ]
    for index, event in enumerate(events):
        lines.append(f"        case EventId::{camel_case(event['name'])}: return &kEvents[{index}];")
    lines += [
        "    }",
        "    return nullptr;",
        "}",
        "",
        "}  // namespace hk::ops",
        "",
    ]
    return "\n".join(lines)


def render_docs(events):
    out = [
        "# Kiosk events",
        "",
        "<!-- Generated by tools/gen-events.py from kiosk/events.toml: do not edit. Regenerate with",
        f"     {REGENERATE} -->",
        "",
        "Every line the kiosk logs carries one of these events: on the console as `[E<id> <name>] message`, in the",
        "journal as the fields `HUKIOSK_EVENT_ID`, `HUKIOSK_EVENT_NAME`, `HUKIOSK_EVENT_KIND` and",
        "`HUKIOSK_DISPOSITION` (`journalctl -t hukiosk HUKIOSK_EVENT_NAME=device_faulted`), and in `kioskctl logs`.",
        "Ids and names never change. The disposition says whether the event reports a success, a failure, neither",
        "(`na`), or `either` (the line itself says which). Events that end an operation name the event that began it.",
        "",
        "| id | name | kind | level | disposition |",
        "|---:|---|---|---|---|",
    ]
    out += [f"| E{e['id']} | [{e['name']}](#{e['name']}) | {e['kind']} | {e['level']} | {e['disposition']} |"
            for e in events]
    completed_by = {}
    for event in events:
        if "completes" in event:
            completed_by.setdefault(event["completes"], []).append(event["name"])
    for kind in KINDS:
        of_kind = [event for event in events if event["kind"] == kind]
        if not of_kind:
            continue
        out += ["", f"## {kind.capitalize()}"]
        for event in of_kind:
            facts = [f"E{event['id']}", f"level {event['level']}", f"disposition {event['disposition']}"]
            if "completes" in event:
                facts.append(f"completes [{event['completes']}](#{event['completes']})")
            for name in completed_by.get(event["name"], []):
                facts.append(f"completed by [{name}](#{name})")
            out += ["", f"### {event['name']}", "", " · ".join(facts), "", " ".join(event["doc"].split())]
    return "\n".join(out) + "\n"


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogue", required=True, help="the event catalogue (kiosk/events.toml)")
    parser.add_argument("--header", help="write the EventId enum here")
    parser.add_argument("--source", help="write the EventInfo table here")
    parser.add_argument("--docs", help="write the technicians' reference (docs/events.md) here")
    args = parser.parse_args()
    try:
        events = load_catalogue(args.catalogue)
    except CatalogueError as error:
        for message in error.args[0]:
            print(f"{args.catalogue}: error: {message}", file=sys.stderr)
        print(f"{args.catalogue}: the event catalogue is invalid; see the rules at the top of the file",
              file=sys.stderr)
        return 1
    if args.header:
        write(args.header, render_header(events))
    if args.source:
        write(args.source, render_source(events))
    if args.docs:
        write(args.docs, render_docs(events))
    return 0


if __name__ == "__main__":
    sys.exit(main())
