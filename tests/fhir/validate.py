#!/usr/bin/env python3
"""Independent check of an alliance-check FHIR R4 (4.0.1) export.

Usage:
    python validate.py BUNDLE.json [--expect-responses N]
    python validate.py --self-test

The bundle is parsed with fhir.resources 6.4.0 (FHIR R4 4.0.1, pydantic
1.10): every element must exist in R4 with the right type. That library is
lenient in places (it reads "7.4" as a decimal, takes "2026-11-21 10:00" as
a dateTime, does not check codes), so the raw JSON is also checked against
the FHIR JSON rules and R4 regexes, and the responses against the bundled
Questionnaire: linkIds, answer types, ranges, required items.

--self-test feeds deliberately broken bundles through the same checks and
fails unless every one is rejected and a valid one is accepted.

Exit status: 0 valid, 1 invalid (or a self-test failure). Needs
`pip install fhir.resources==6.4.0 pydantic==1.10.21`.
"""

import argparse
import copy
import json
import os
import re
import sys
import tempfile
from decimal import Decimal

from fhir.resources.bundle import Bundle

# R4 regexes (datatypes.html), anchored.
ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
INSTANT = re.compile(
    r"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-"
    r"(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)"
    r"(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$"
)
UUID_URN = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
COMPUTABLE_NAME = re.compile(r"^[A-Z]([A-Za-z0-9_]){0,254}$")

RESOURCE_TYPES = {"Questionnaire", "QuestionnaireResponse"}
RESPONSE_STATUS = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
QUESTIONNAIRE_STATUS = {"draft", "active", "retired", "unknown"}
ITEM_TYPES = {
    "group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time",
    "string", "text", "url", "choice", "open-choice", "attachment", "reference", "quantity",
}
# The answer element each item type takes (only the types this export uses).
ANSWER_KEY = {"decimal": "valueDecimal", "text": "valueString", "string": "valueString",
              "choice": "valueCoding", "integer": "valueInteger"}
# JSON types of primitives by property name, where Python's JSON would
# otherwise let a string stand in for a number (or the reverse).
NUMBER_KEYS = {"valueDecimal", "valueInteger", "maxLength"}
BOOLEAN_KEYS = {"required", "repeats", "readOnly", "valueBoolean"}
TIME_KEYS = {"authored", "timestamp", "lastUpdated"}
EXT = "http://hl7.org/fhir/StructureDefinition/"


def check_json_rules(node, path, errors):
    """FHIR JSON rules on the raw text: no null, no empty string, array or
    object; numbers, booleans and times where R4 has them."""
    if node is None:
        errors.append(f"{path}: null is not allowed in FHIR JSON")
    elif isinstance(node, str) and not node.strip():
        errors.append(f"{path}: empty string")
    elif isinstance(node, list):
        if not node:
            errors.append(f"{path}: empty array")
        for i, item in enumerate(node):
            check_json_rules(item, f"{path}[{i}]", errors)
    elif isinstance(node, dict):
        if not node:
            errors.append(f"{path}: empty object")
        for key, value in node.items():
            where = f"{path}.{key}"
            if key in NUMBER_KEYS and (isinstance(value, bool) or not isinstance(value, (int, float, Decimal))):
                errors.append(f"{where}: must be a JSON number, not {json.dumps(value)}")
            elif key in BOOLEAN_KEYS and not isinstance(value, bool):
                errors.append(f"{where}: must be true or false, not {json.dumps(value)}")
            elif key in TIME_KEYS and not (isinstance(value, str) and INSTANT.match(value)):
                errors.append(f"{where}: {json.dumps(value)} is not a date-time with seconds and zone")
            check_json_rules(value, where, errors)


def walk(items):
    """Every item below `items` (answers' nested items too), depth first."""
    for item in items or []:
        yield item
        yield from walk(item.get("item"))
        for answer in item.get("answer") or []:
            yield from walk(answer.get("item"))


def extension(item, name):
    """The value of the core extension `name` on `item`, if present."""
    for ext in item.get("extension") or []:
        if ext.get("url") == EXT + name:
            return next((v for k, v in ext.items() if k.startswith("value")), None)
    return None


def check_questionnaire(q, errors):
    """que-0/1/2/6 and item types; returns the items by linkId and the
    linkIds of the required top-level items."""
    where = f"Questionnaire/{q.get('id')}"
    if q.get("status") not in QUESTIONNAIRE_STATUS:
        errors.append(f"{where}: status {q.get('status')!r} is not an R4 publication status")
    if "name" in q and not COMPUTABLE_NAME.match(str(q["name"])):
        errors.append(f"{where}: name {q['name']!r} breaks que-0")
    if not q.get("url") or not q.get("version"):
        errors.append(f"{where}: a canonical url and version are required by this export")
    items = {}
    for item in walk(q.get("item")):
        link, kind = item.get("linkId"), item.get("type")
        if link in items:
            errors.append(f"{where}: linkId {link!r} twice (que-2)")
        items[link] = item
        if kind not in ITEM_TYPES:
            errors.append(f"{where}: item {link!r} has type {kind!r}")
        if kind == "group" and not item.get("item"):
            errors.append(f"{where}: group {link!r} has no items (que-1)")
        if kind == "display" and (item.get("item") or item.get("required")):
            errors.append(f"{where}: display {link!r} has items or is required (que-1, que-6)")
    required = [i.get("linkId") for i in q.get("item") or [] if i.get("required")]
    return items, required


def check_answer(where, item, answer, errors):
    """One answer against its questionnaire item: type, range, length, option."""
    kind = item.get("type")
    key = ANSWER_KEY.get(kind)
    values = [k for k in answer if k.startswith("value")]
    if key is None or values != [key]:
        errors.append(f"{where}: a {kind} item needs {key}, not {values}")
        return
    value = answer[key]
    if kind == "decimal" and isinstance(value, (int, float)) and not isinstance(value, bool):
        low, high = extension(item, "minValue"), extension(item, "maxValue")
        places = extension(item, "maxDecimalPlaces")
        if (low is not None and value < low) or (high is not None and value > high):
            errors.append(f"{where}: {value} is outside {low} to {high}")
        if places is not None and Decimal(repr(value)).as_tuple().exponent < -places:
            errors.append(f"{where}: {value} has more than {places} decimal places")
    if kind in ("text", "string") and item.get("maxLength") and len(str(value)) > item["maxLength"]:
        errors.append(f"{where}: longer than maxLength {item['maxLength']}")
    if kind == "choice" and isinstance(value, dict):
        offered = [(o["valueCoding"].get("system"), o["valueCoding"].get("code"))
                   for o in item.get("answerOption") or [] if "valueCoding" in o]
        if offered and (value.get("system"), value.get("code")) not in offered:
            errors.append(f"{where}: {value.get('code')!r} is not an answerOption")


def check_response(r, questionnaires, errors):
    """Status, times, and (when its questionnaire is bundled) every item."""
    where = f"QuestionnaireResponse/{r.get('id')}"
    if r.get("status") not in RESPONSE_STATUS:
        errors.append(f"{where}: status {r.get('status')!r} is not an R4 response status")
    if not r.get("authored"):
        errors.append(f"{where}: no authored time")
    if r.get("questionnaire") not in questionnaires:
        return  # another instrument or version: its Questionnaire is not in this bundle
    items, required = questionnaires[r["questionnaire"]]
    for item in walk(r.get("item")):
        link = item.get("linkId")
        defined = items.get(link)
        if defined is None:
            errors.append(f"{where}: linkId {link!r} is not in {r['questionnaire']}")
            continue
        if defined.get("type") in ("display", "group") and item.get("answer"):
            errors.append(f"{where}: {defined['type']} item {link!r} has answers")
        for answer in item.get("answer") or []:
            check_answer(f"{where} {link}", defined, answer, errors)
    top_level = {item.get("linkId") for item in r.get("item") or []}
    for link in required:
        if link not in top_level:
            errors.append(f"{where}: required item {link!r} is not answered")


def check_bundle(raw, errors):
    """Bundle-level rules, then each entry; returns the counts by type."""
    if raw.get("resourceType") != "Bundle" or raw.get("type") != "collection":
        errors.append(f"not a collection Bundle ({raw.get('resourceType')}, {raw.get('type')})")
    seen_urls, seen_ids, counts = set(), set(), {t: 0 for t in sorted(RESOURCE_TYPES)}
    resources = []
    for i, entry in enumerate(raw.get("entry") or []):
        url, resource = entry.get("fullUrl"), entry.get("resource") or {}
        kind = resource.get("resourceType")
        if not (isinstance(url, str) and UUID_URN.match(url)):
            errors.append(f"entry[{i}]: fullUrl {url!r} is not a lowercase urn:uuid")
        elif url in seen_urls:
            errors.append(f"entry[{i}]: fullUrl {url} twice")
        seen_urls.add(url)
        if kind not in RESOURCE_TYPES:
            errors.append(f"entry[{i}]: {kind!r} is not a Questionnaire or QuestionnaireResponse")
            continue
        rid = resource.get("id")
        if not (isinstance(rid, str) and ID.match(rid)) or (kind, rid) in seen_ids:
            errors.append(f"entry[{i}]: id {rid!r} is not a valid, unique FHIR id")
        seen_ids.add((kind, rid))
        counts[kind] += 1
        resources.append(resource)
    if counts["Questionnaire"] != 1:
        errors.append(f"expected exactly 1 Questionnaire, found {counts['Questionnaire']}")
    questionnaires = {
        f"{q.get('url')}|{q.get('version')}": check_questionnaire(q, errors)
        for q in resources if q["resourceType"] == "Questionnaire"
    }
    for r in resources:
        if r["resourceType"] == "QuestionnaireResponse":
            check_response(r, questionnaires, errors)
    return counts


def validate_file(path, expect_responses=None):
    """All checks on the file at `path`; returns (errors, summary)."""
    errors = []
    try:
        Bundle.parse_file(path)
    except Exception as e:  # pydantic's ValidationError, or a lookup error for unknown types
        errors.append(f"fhir.resources (R4): {e}")
    try:
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
    except (OSError, ValueError) as e:
        return errors + [f"cannot read JSON: {e}"], ""
    if not isinstance(raw, dict):
        return errors + ["not a JSON object"], ""
    check_json_rules(raw, "Bundle", errors)
    counts = check_bundle(raw, errors)
    responses = counts["QuestionnaireResponse"]
    if expect_responses is not None and responses != expect_responses:
        errors.append(f"expected {expect_responses} QuestionnaireResponse, found {responses}")
    summary = (f"valid FHIR R4 Bundle: {counts['Questionnaire']} Questionnaire, "
               f"{responses} QuestionnaireResponse")
    return errors, summary


# --- self-test ---------------------------------------------------------------

def valid_bundle():
    """A small valid bundle written here by hand, independent of the Rust code."""
    rating = {"linkId": "scale.bond", "type": "decimal", "text": "Our connection", "required": True,
              "extension": [{"url": EXT + "minValue", "valueDecimal": 0.0},
                            {"url": EXT + "maxValue", "valueDecimal": 10.0},
                            {"url": EXT + "maxDecimalPlaces", "valueInteger": 1}]}
    q = {"resourceType": "Questionnaire", "id": "test-v1", "url": "urn:alliance-check:questionnaire:test",
         "version": "1", "name": "Test", "status": "active",
         "item": [rating, {"linkId": "comment", "type": "text", "text": "Anything else?", "maxLength": 20}]}
    r = {"resourceType": "QuestionnaireResponse", "id": "r1", "status": "completed",
         "questionnaire": "urn:alliance-check:questionnaire:test|1", "authored": "2026-11-21T10:00:00Z",
         "item": [{"linkId": "scale.bond", "answer": [{"valueDecimal": 7.5}]},
                  {"linkId": "comment", "answer": [{"valueString": "fine"}]}]}
    uuid = "urn:uuid:00000000-0000-8000-8000-00000000000"
    return {"resourceType": "Bundle", "id": "b1", "type": "collection", "timestamp": "2026-11-21T10:00:00Z",
            "entry": [{"fullUrl": uuid + "1", "resource": q}, {"fullUrl": uuid + "2", "resource": r}]}


def broken(change):
    """The valid bundle with `change(bundle, questionnaire, response)` applied."""
    b = valid_bundle()
    change(b, b["entry"][0]["resource"], b["entry"][1]["resource"])
    return b


# (what is broken, a fragment the error must contain, the change)
BROKEN = [
    ("impossible authored date", "authored", lambda b, q, r: r.update(authored="2026-13-40T10:00:00Z")),
    ("authored without seconds or zone", "authored", lambda b, q, r: r.update(authored="2026-11-21 10:00")),
    ("missing linkId", "linkId", lambda b, q, r: r["item"][0].pop("linkId")),
    ("linkId not in the questionnaire", "scale.mood", lambda b, q, r: r["item"][0].update(linkId="scale.mood")),
    ("wrong resourceType (Patient)", "not a Questionnaire or QuestionnaireResponse", lambda b, q, r: r.update(resourceType="Patient")),
    ("unknown resourceType", "QuestionnaireAnswer", lambda b, q, r: r.update(resourceType="QuestionnaireAnswer")),
    ("decimal as string", "must be a JSON number", lambda b, q, r: r["item"][0]["answer"][0].update(valueDecimal="7.5")),
    ("rating above 10", "outside", lambda b, q, r: r["item"][0]["answer"][0].update(valueDecimal=10.5)),
    ("two decimal places", "decimal places", lambda b, q, r: r["item"][0]["answer"][0].update(valueDecimal=7.25)),
    ("decimal answered as string", "needs valueDecimal", lambda b, q, r: r["item"][0].update(answer=[{"valueString": "7.5"}])),
    ("required item missing", "required item", lambda b, q, r: r.update(item=r["item"][1:])),
    ("comment over maxLength", "maxLength", lambda b, q, r: r["item"][1].update(answer=[{"valueString": "x" * 21}])),
    ("unknown response status", "response status", lambda b, q, r: r.update(status="done")),
    ("bundle type document", "collection", lambda b, q, r: b.update(type="document")),
    ("fullUrl not a uuid", "urn:uuid", lambda b, q, r: b["entry"][1].update(fullUrl="Patient/1")),
    ("duplicate fullUrl", "twice", lambda b, q, r: b["entry"][1].update(fullUrl=b["entry"][0]["fullUrl"])),
    ("id with underscore", "id", lambda b, q, r: r.update(id="r_1")),
    ("empty string", "empty string", lambda b, q, r: r["item"][1]["answer"][0].update(valueString="")),
    ("null value", "null", lambda b, q, r: r.update(authored=None)),
    ("two Questionnaires", "exactly 1 Questionnaire", lambda b, q, r: b["entry"].append(
        {"fullUrl": "urn:uuid:00000000-0000-8000-8000-000000000003", "resource": q})),
]


def run_on(bundle, expect_responses=None):
    """Writes `bundle` to a temporary file and validates it from there."""
    fd, path = tempfile.mkstemp(suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(bundle, f)
        return validate_file(path, expect_responses)
    finally:
        os.unlink(path)


def self_test():
    """0 when the valid bundle passes and every broken one is rejected."""
    failures = []
    errors, _ = run_on(valid_bundle(), expect_responses=1)
    if errors:
        failures.append(f"the valid bundle was rejected: {errors}")
    cases = [(name, fragment, broken(change), None) for name, fragment, change in BROKEN]
    cases.append(("wrong --expect-responses", "expected 2", valid_bundle(), 2))
    for name, fragment, bundle, expect in cases:
        errors, _ = run_on(bundle, expect)
        hit = next((e for e in errors if fragment in e), None)
        if hit:
            print(f"rejected as expected: {name}: {' '.join(hit.split())[:120]}")
        elif errors:
            failures.append(f"{name}: rejected, but not for {fragment!r}: {errors}")
        else:
            failures.append(f"accepted a broken bundle: {name}")
    for failure in failures:
        print(f"SELF-TEST FAILURE: {failure}")
    if failures:
        return 1
    print(f"self-test passed: {len(cases)} broken bundles rejected, the valid one accepted")
    return 0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", help="the Bundle JSON file")
    parser.add_argument("--expect-responses", type=int, metavar="N")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test()
    if not args.bundle:
        parser.error("give a BUNDLE.json or --self-test")
    errors, summary = validate_file(args.bundle, args.expect_responses)
    for error in errors:
        print(f"error: {error}")
    if errors:
        print(f"invalid: {len(errors)} error(s) in {args.bundle}")
        return 1
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
