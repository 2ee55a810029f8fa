"""The second calendar parser of the tests: check iCalendar texts with Python's icalendar, strictly.

    ics_check.py [--json] PATH...

Each PATH is an .ics file or a directory of them (the spool `npm test` fills: tests/helpers/ics-spool.ts).
Every calendar is parsed with icalendar.Calendar.from_ical, with every Python warning turned into an error,
and checked for what every calendar Convene sends must have (RFC 5545, RFC 6868):

- UTF-8, CRLF line ends only, the last line too, no empty line, no line over 75 octets;
- it parses, with no property or line that icalendar had to skip (its `errors`);
- one VCALENDAR with VERSION:2.0, PRODID and METHOD, and at least one VEVENT;
- each VEVENT has UID, DTSTAMP (in UTC), DTSTART, and DTEND or DURATION (not both), each once; times are
  in a zone the calendar defines with a VTIMEZONE (or UTC), never floating; the end is not before the start;
- each ORGANIZER and ATTENDEE is one plain mailto: address, and its CN parameter decodes (RFC 6868) to one
  whole name, without control characters (a tab or, through ^n, a line break may be part of it); PARTSTAT, ROLE and RSVP have values RFC 5545 knows; no address is an attendee twice;
- each VALARM has ACTION and TRIGGER, and each VTIMEZONE a TZID and its STANDARD/DAYLIGHT rules.

It prints what failed in which file (and, from the spool's `<name>.origin` files, which test file sent it)
and exits 1 if any calendar failed. With --json it prints one JSON object instead: the icalendar version and,
per file, its problems and what the parser read (method, UIDs, organizer and attendee addresses and names).
"""

import warnings

# Before icalendar is imported: a warning anywhere, at import or while parsing, is a failure.
warnings.simplefilter("error")

import datetime  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import icalendar  # noqa: E402

MAX_OCTETS = 75
PARTSTATS = {"NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED", "COMPLETED", "IN-PROCESS"}
ROLES = {"CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT"}
STATUSES = {"TENTATIVE", "CONFIRMED", "CANCELLED"}
# One address, nothing around it: no display name, quotes or spaces leaked into the value.
MAILTO = re.compile(r"mailto:[^\s\"<>(),;:@\\]+@[^\s\"<>(),;:@\\]+", re.IGNORECASE)
ONCE = ("UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "SEQUENCE", "SUMMARY", "STATUS", "ORGANIZER", "LOCATION", "DESCRIPTION")


def structure_problems(text):
    """Line rules icalendar itself is lenient about."""
    problems = []
    if not text.endswith("\r\n"):
        problems.append("does not end with CRLF")
    bare = re.search(r"\r(?!\n)|(?<!\r)\n", text)
    if bare:
        problems.append(f"bare {'CR' if bare.group() == chr(13) else 'LF'} on line {text.count(chr(10), 0, bare.start()) + 1}")
    lines = text.split("\r\n")
    for number, line in enumerate(lines[:-1] if text.endswith("\r\n") else lines, start=1):
        if line == "":
            problems.append(f"line {number} is empty")
        octets = len(line.encode("utf-8"))
        if octets > MAX_OCTETS:
            problems.append(f"line {number} is {octets} octets long (at most {MAX_OCTETS}): {line[:40]}…")
    return problems


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def person(prop, label, problems):
    """Check an ORGANIZER or ATTENDEE and return what was read from it."""
    address = str(prop)
    if not MAILTO.fullmatch(address):
        problems.append(f"{label} is not a mailto: address: {address!r}")
    params = prop.params
    cn = params.get("CN")
    if cn is not None and not isinstance(cn, str):
        problems.append(f"{label} CN is not one name but {cn!r} (an unquoted comma?)")
        cn = ", ".join(str(part) for part in as_list(cn))
    elif cn is not None and re.search(r"[\x00-\x08\x0b-\x1f\x7f]", cn):
        problems.append(f"{label} CN has a control character: {cn!r}")
    partstat, role, rsvp = params.get("PARTSTAT"), params.get("ROLE"), params.get("RSVP")
    if partstat is not None and str(partstat).upper() not in PARTSTATS:
        problems.append(f"{label} PARTSTAT={partstat!r} is not an RFC 5545 value")
    if role is not None and str(role).upper() not in ROLES:
        problems.append(f"{label} ROLE={role!r} is not an RFC 5545 value")
    if rsvp is not None and str(rsvp).upper() not in {"TRUE", "FALSE"}:
        problems.append(f"{label} RSVP={rsvp!r} is neither TRUE nor FALSE")
    return {"address": address, "cn": cn, "partstat": partstat, "role": role, "rsvp": rsvp}


def time_of(event, name, label, zones, problems):
    """The decoded DTSTART or DTEND, checked for a known zone; None when absent or unreadable."""
    prop = event.get(name)
    if prop is None or isinstance(prop, list):
        return None
    tzid = prop.params.get("TZID")
    if tzid is not None and tzid not in zones:
        problems.append(f"{label} {name} has TZID={tzid} but the calendar has no VTIMEZONE for it")
    value = prop.dt
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        problems.append(f"{label} {name} is a floating time (neither UTC nor TZID)")
        return None
    if not isinstance(value, (datetime.date, datetime.datetime)):
        problems.append(f"{label} {name} is not a date or date-time: {value!r}")
        return None
    return value


def event_problems(event, index, zones, problems):
    uid = event.get("UID")
    label = f"VEVENT {index} (UID {uid})" if uid is not None else f"VEVENT {index}"
    for name in ("UID", "DTSTAMP", "DTSTART"):
        if name not in event:
            problems.append(f"{label} has no {name}")
    for name in ONCE:
        if isinstance(event.get(name), list):
            problems.append(f"{label} has {name} more than once")
    if ("DTEND" in event) == ("DURATION" in event):
        problems.append(f"{label} must have one of DTEND and DURATION, has {'both' if 'DTEND' in event else 'neither'}")
    stamp = event.get("DTSTAMP")
    if stamp is not None and not isinstance(stamp, list):
        value = stamp.dt
        if not isinstance(value, datetime.datetime) or value.utcoffset() != datetime.timedelta(0) or "TZID" in stamp.params:
            problems.append(f"{label} DTSTAMP is not a UTC date-time: {stamp.to_ical().decode()}")
    start = time_of(event, "DTSTART", label, zones, problems)
    end = time_of(event, "DTEND", label, zones, problems)
    if start is not None and end is not None:
        if isinstance(start, datetime.datetime) != isinstance(end, datetime.datetime):
            problems.append(f"{label} DTSTART and DTEND are not both dates or both date-times")
        elif end < start:
            problems.append(f"{label} ends ({end}) before it starts ({start})")
    duration = event.get("DURATION")
    if duration is not None and not isinstance(duration, list):
        if not isinstance(duration.dt, datetime.timedelta) or duration.dt < datetime.timedelta(0):
            problems.append(f"{label} DURATION is not a positive duration")
    sequence = event.get("SEQUENCE")
    if sequence is not None and not isinstance(sequence, list) and (not isinstance(sequence, int) or sequence < 0):
        problems.append(f"{label} SEQUENCE is not a non-negative integer: {sequence!r}")
    status = event.get("STATUS")
    if status is not None and not isinstance(status, list) and str(status).upper() not in STATUSES:
        problems.append(f"{label} STATUS:{status} is not a VEVENT status")
    organizers = as_list(event.get("ORGANIZER"))
    organizer = person(organizers[0], f"{label} ORGANIZER", problems) if organizers else None
    attendees = [person(prop, f"{label} ATTENDEE {n}", problems) for n, prop in enumerate(as_list(event.get("ATTENDEE")), start=1)]
    seen = set()
    for attendee in attendees:
        key = attendee["address"].lower()
        if key in seen:
            problems.append(f"{label} lists {attendee['address']} as an attendee twice")
        seen.add(key)
    for alarm in event.subcomponents:
        if alarm.name != "VALARM":
            continue
        for name in ("ACTION", "TRIGGER"):
            if name not in alarm:
                problems.append(f"{label} VALARM has no {name}")
        if str(alarm.get("ACTION", "")).upper() == "DISPLAY" and "DESCRIPTION" not in alarm:
            problems.append(f"{label} DISPLAY VALARM has no DESCRIPTION")
    return {
        "uid": None if uid is None else str(uid),
        "summary": None if event.get("SUMMARY") is None else str(event.get("SUMMARY")),
        "organizer": organizer,
        "attendees": attendees,
        "alarms": sum(1 for c in event.subcomponents if c.name == "VALARM"),
    }


def check_text(text):
    """Problems found in one calendar text, and what icalendar read from it."""
    problems = structure_problems(text)
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as error:  # noqa: BLE001 (any failure to parse, warnings included, is the finding)
        problems.append(f"icalendar cannot parse it: {type(error).__name__}: {error}")
        return problems, None
    for component in calendar.walk():
        uid = component.get("UID")
        where = component.name if uid is None or isinstance(uid, list) else f"{component.name} (UID {uid})"
        for prop, error in component.errors:
            problems.append(f"{where}: {prop or 'a content line'} could not be parsed: {error}")
    if calendar.name != "VCALENDAR":
        problems.append(f"the outer component is {calendar.name}, not VCALENDAR")
    if str(calendar.get("VERSION", "")) != "2.0":
        problems.append(f"VERSION is {calendar.get('VERSION')!r}, not 2.0")
    for name in ("PRODID", "METHOD"):
        if name not in calendar:
            problems.append(f"VCALENDAR has no {name}")
    zones = set()
    for zone in (c for c in calendar.subcomponents if c.name == "VTIMEZONE"):
        tzid = zone.get("TZID")
        if tzid is None:
            problems.append("a VTIMEZONE has no TZID")
            continue
        zones.add(str(tzid))
        rules = [c for c in zone.subcomponents if c.name in ("STANDARD", "DAYLIGHT")]
        if not rules:
            problems.append(f"VTIMEZONE {tzid} has neither STANDARD nor DAYLIGHT")
        for rule in rules:
            for name in ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO"):
                if name not in rule:
                    problems.append(f"VTIMEZONE {tzid} {rule.name} has no {name}")
    events = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    if not events:
        problems.append("VCALENDAR has no VEVENT")
    read = []
    for index, event in enumerate(events, start=1):
        try:
            read.append(event_problems(event, index, zones, problems))
        except Exception as error:  # noqa: BLE001
            problems.append(f"VEVENT {index} could not be read: {type(error).__name__}: {error}")
    method = calendar.get("METHOD")
    return problems, {"method": None if method is None else str(method), "events": read}


def check_file(path):
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [f"not UTF-8: {error}"], None
    return check_text(text)


def files_of(arguments):
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            yield from sorted(path.glob("*.ics"))
        elif path.is_file():
            yield path
        else:
            raise SystemExit(f"ics_check: no such file or directory: {argument}")


def origins_of(path):
    origin = path.with_suffix(".origin")
    if not origin.is_file():
        return []
    return sorted(set(line for line in origin.read_text("utf-8").splitlines() if line))


def main(argv):
    as_json = "--json" in argv
    arguments = [a for a in argv if a != "--json"]
    if not arguments:
        raise SystemExit(__doc__)
    results = []
    for path in files_of(arguments):
        problems, read = check_file(path)
        results.append({"file": str(path), "origins": origins_of(path), "ok": not problems, "problems": problems, "calendar": read})
    failed = [r for r in results if not r["ok"]]
    if as_json:
        print(json.dumps({"icalendar": icalendar.__version__, "checked": len(results), "failed": len(failed), "results": results}, ensure_ascii=False))
    else:
        for result in failed:
            origins = "; ".join(result["origins"]) or "origin unknown"
            print(f"FAIL {result['file']}  (from {origins})")
            for problem in result["problems"]:
                line = problem.replace("\r", "\\r").replace("\n", "\\n")
                print(f"  - {line if len(line) <= 400 else line[:400] + ' …'}")
        print(f"icalendar {icalendar.__version__}: {len(results)} calendars checked, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
