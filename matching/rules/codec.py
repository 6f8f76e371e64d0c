"""Rules to and from JSON, with a schema version, so the workstation can store them as text.

Reading is lenient about what a rule says (an unknown field or operator is kept, so that
``validate`` can tell the user exactly what is wrong) and strict about the JSON's shape.
Values are tagged where JSON has no type of its own: ``{"list": name}``, ``{"date": iso}``,
``{"datetime": iso}``; tuples become arrays.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from matching.rules.model import DEFAULT_MAX_SHARE, Condition, Group, ListRef, Rule, Value

SCHEMA_VERSION = 1


class RuleFormatError(ValueError):
    """The stored text is not a rule this version can read."""


def rule_to_json(rule: Rule) -> str:
    return json.dumps(rule_to_dict(rule), ensure_ascii=False, allow_nan=False, sort_keys=True)


def rule_from_json(text: str) -> Rule:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RuleFormatError(f"not JSON: {exc}") from exc
    return rule_from_dict(data)


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "name": rule.name,
        "version": rule.version,
        "weight": rule.weight,
        "description": rule.description,
        "rationale": rule.rationale,
        "owner": rule.owner,
        "effective_from": _date_text(rule.effective_from),
        "effective_until": _date_text(rule.effective_until),
        "enabled": rule.enabled,
        "max_share": rule.max_share,
        "root": _group_to_dict(rule.root),
    }


def rule_from_dict(data: object) -> Rule:
    if not isinstance(data, Mapping):
        raise RuleFormatError("a rule must be a JSON object")
    schema = data.get("schema")
    if schema != SCHEMA_VERSION:
        raise RuleFormatError(f"rule schema {schema!r} is not {SCHEMA_VERSION}")
    max_share = data.get("max_share", DEFAULT_MAX_SHARE)
    if isinstance(max_share, bool) or not isinstance(max_share, int | float):
        raise RuleFormatError("'max_share' must be a number")
    return Rule(
        name=_typed(data, "name", str),
        version=_typed(data, "version", int),
        weight=_typed(data, "weight", int),
        description=_typed(data, "description", str, ""),
        rationale=_typed(data, "rationale", str, ""),
        owner=_typed(data, "owner", str, ""),
        effective_from=_date_value(data.get("effective_from"), "effective_from"),
        effective_until=_date_value(data.get("effective_until"), "effective_until"),
        enabled=_typed(data, "enabled", bool, False),
        max_share=float(max_share),
        root=_group_from_dict(data.get("root"), "root"),
    )


def _typed(data: Mapping[str, Any], key: str, kind: type[Any], default: object = ...) -> Any:
    if key not in data:
        if default is ...:
            raise RuleFormatError(f"'{key}' is missing")
        return default
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise RuleFormatError(f"'{key}' must be {kind.__name__}, not {value!r}")
    return value


def _date_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date_value(value: object, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise RuleFormatError(f"'{where}' is not a date: {value!r}") from exc


def _group_to_dict(group: Group) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for item in group.items:
        if isinstance(item, Group):
            items.append(_group_to_dict(item))
        else:
            items.append(
                {"field": item.field, "operator": item.operator, "value": _encode(item.value)}
            )
    return {"mode": group.mode, "items": items}


def _group_from_dict(data: object, where: str) -> Group:
    if not isinstance(data, Mapping) or not isinstance(data.get("items"), list):
        raise RuleFormatError(f"{where}: a group needs 'mode' and a list of 'items'")
    items: list[Condition | Group] = []
    for number, item in enumerate(data["items"], 1):
        place = f"{where}.{number}"
        if isinstance(item, Mapping) and "mode" in item:
            items.append(_group_from_dict(item, place))
        elif isinstance(item, Mapping) and {"field", "operator"} <= item.keys():
            if not isinstance(item["field"], str) or not isinstance(item["operator"], str):
                raise RuleFormatError(f"{place}: 'field' and 'operator' must be text")
            value = _decode(item.get("value"), place)
            items.append(Condition(item["field"], item["operator"], value))
        else:
            raise RuleFormatError(f"{place}: neither a condition nor a group")
    mode = data.get("mode")
    if mode not in ("all", "any"):
        raise RuleFormatError(f"{where}: mode must be 'all' or 'any', not {mode!r}")
    return Group(mode, tuple(items))


def _encode(value: Value) -> Any:
    if isinstance(value, ListRef):
        return {"list": value.name}
    if isinstance(value, datetime):  # before date: a datetime is a date
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def _decode(data: object, where: str) -> Value:
    if data is None or isinstance(data, str | int | float | bool):
        return data
    if isinstance(data, list):
        return tuple(_decode(v, where) for v in data)
    if isinstance(data, Mapping) and len(data) == 1:
        ((tag, text),) = data.items()
        if isinstance(text, str):
            try:
                if tag == "list":
                    return ListRef(text)
                if tag == "date":
                    return date.fromisoformat(text)
                if tag == "datetime":
                    return datetime.fromisoformat(text)
            except ValueError as exc:
                raise RuleFormatError(f"{where}: {exc}") from exc
    raise RuleFormatError(f"{where}: cannot read the value {data!r}")
