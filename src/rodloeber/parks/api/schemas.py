"""Schemas of issue 17 shared by the parks API modules: conditions of § 13
stk. 1, the dialogue log and sunset extensions."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema


class ConditionOut(Schema):
    number: int = Field(..., description="§ 13 stk. 1 nr. (1-5)")
    title: str
    legal_basis: str
    state: str = Field(..., description="met | not_met | unknown")
    state_label: str
    evidence_kind: str = Field(..., description="screening | municipal_answer | evaluator_note")
    evidence_kind_label: str
    evidence: str
    evaluator: str
    updated_at: datetime | None


class ConditionIn(Schema):
    number: int = Field(..., ge=1, le=5, description="§ 13 stk. 1 nr.")
    state: str = Field(..., description="met | not_met | unknown")
    evidence_kind: str = Field("", description="screening | municipal_answer | evaluator_note")
    evidence: str = Field("", max_length=5000)


class SunsetExtensionOut(Schema):
    previous_sunset_on: date
    sunset_on: date
    reason: str


class DialogueOut(Schema):
    kind: str
    municipality: str
    happened_on: date
    text: str
