"""The fixed choices officers pick from, as stored codes with English labels.

Labels go through the UI's translation function; codes never change once stored.
"""

from __future__ import annotations

CONTROL_POINTS = {
    "document_check": "Document check",
    "gate": "Gate",
    "baggage": "Baggage",
    "secondary": "Secondary inspection",
}

OUTCOMES = {
    "seizure": "Seizure",
    "arrest": "Arrest",
    "refusal_entry": "Refusal of entry",
    "refusal_exit": "Refusal of exit",
    "referral": "Referral to another agency",
    "no_finding": "No finding",
}

COMMODITIES = {
    "cocaine": "Drugs: cocaine",
    "heroin": "Drugs: heroin",
    "cannabis": "Drugs: cannabis",
    "synthetic_drugs": "Drugs: synthetic (ATS, NPS)",
    "amphetamines": "Drugs: amphetamine, methamphetamine",
    "mdma": "Drugs: MDMA (ecstasy)",
    "opioids": "Drugs: opioids other than heroin (fentanyl, tramadol)",
    "khat": "Drugs: khat",
    "precursors": "Drugs: precursor chemicals",
    "other_drugs": "Drugs: other",
    "cash": "Cash",
    "weapons": "Weapons",
    "wildlife": "Wildlife",
    "counterfeit": "Counterfeit goods",
    "cultural_goods": "Cultural goods",
    "documents": "Documents",
    "other": "Other",
}

UNITS = {"g": "grams", "kg": "kilograms", "pcs": "pieces", "l": "litres"}
# Cash is counted in its currency (ISO 4217), e.g. "EUR", "USD", "CHF".

CONCEALMENTS = {
    "body": "On the body",
    "luggage": "In luggage",
    "cargo": "In cargo",
    "clothing": "In clothing",
    "swallowed": "Swallowed / internal",
    "other": "Other",
}

AGENCIES = {
    "border_police": "Border police",
    "customs": "Customs",
    "drug_police": "Drug police",
    "prosecutor": "Prosecutor",
    "interpol_ncb": "INTERPOL NCB",
    "other": "Other",
}
