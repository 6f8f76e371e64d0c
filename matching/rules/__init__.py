"""Risk-indicator rules: pre-determined, specific, reviewed by people, never self-learning.

    from matching.rules import RuleSet, TravelFacts, validate, rule_from_json
    problems = validate(rule, lists)              # [] when the rule may be used
    rules = RuleSet(enabled_rules, lists)         # compiled once
    hits = rules.evaluate(facts)                  # rules that held, each adding its weight

Pure Python, no Qt, no database: the workstation stores rules as JSON and calls this package.
"""

from matching.rules.codec import (
    SCHEMA_VERSION,
    RuleFormatError,
    rule_from_dict,
    rule_from_json,
    rule_to_dict,
    rule_to_json,
)
from matching.rules.compiled import ConditionCheck
from matching.rules.evaluate import (
    DEFAULT_MIN_HITS,
    FlightHits,
    RuleHit,
    RuleResult,
    RuleSet,
    evaluate,
    risk_score,
    runaway,
)
from matching.rules.facts import FIELDS, OPERATORS_BY_KIND, FieldSpec, TravelFacts
from matching.rules.model import (
    DEFAULT_MAX_SHARE,
    OPERATORS,
    Condition,
    Group,
    ListRef,
    Rule,
    Value,
)
from matching.rules.templates import TEMPLATE_LISTS, TEMPLATES, template
from matching.rules.validation import Lists, RuleError, validate
from matching.rules.wording import describe

__all__ = [
    "DEFAULT_MAX_SHARE",
    "DEFAULT_MIN_HITS",
    "FIELDS",
    "OPERATORS",
    "OPERATORS_BY_KIND",
    "SCHEMA_VERSION",
    "TEMPLATES",
    "TEMPLATE_LISTS",
    "Condition",
    "ConditionCheck",
    "FieldSpec",
    "FlightHits",
    "Group",
    "ListRef",
    "Lists",
    "Rule",
    "RuleError",
    "RuleFormatError",
    "RuleHit",
    "RuleResult",
    "RuleSet",
    "TravelFacts",
    "Value",
    "describe",
    "evaluate",
    "risk_score",
    "rule_from_dict",
    "rule_from_json",
    "rule_to_dict",
    "rule_to_json",
    "runaway",
    "template",
    "validate",
]
