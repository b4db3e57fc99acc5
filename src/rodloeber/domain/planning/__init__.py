"""Process-plan engine (procesplanlægning), framework-free.

Calendar (kalender), milestone templates (milepælsskabeloner), schedule
(tidsplan) with critical path (kritisk vej), cap clock (fristur) with pauses
and extension (fristforlængelse), re-planning (genplanlægning), Monte Carlo
risk (risikoanalyse), and outputs: the Plan contract, an SVG Gantt chart and
an iCalendar export. No Django imports.
"""

from __future__ import annotations

from rodloeber.domain.planning.calendar import (
    AUTHORITY_CLOSING_DAYS,
    DanishCalendar,
    DayUnit,
    add_months,
    default_calendar,
)
from rodloeber.domain.planning.clock import (
    EXTENSION_RULES,
    PAUSE_REASONS,
    Clock,
    ClockStatus,
    Extension,
    ExtensionRule,
    Interval,
    Pause,
    PauseReason,
    extension_rules_for,
)
from rodloeber.domain.planning.errors import (
    CycleError,
    DuplicatePermitError,
    ExtensionError,
    InvalidDurationError,
    InvalidPauseError,
    InvalidUpdateError,
    MissingPrerequisiteError,
    PlanningError,
)
from rodloeber.domain.planning.forecast import Change, MilestoneDate, MilestoneUpdate
from rodloeber.domain.planning.gantt import GanttRow, gantt_table_rows, render_gantt_svg
from rodloeber.domain.planning.ics import plan_to_ics
from rodloeber.domain.planning.plan import CapLike, Plan, PlannedPermit, build_plan
from rodloeber.domain.planning.risk import Distribution, RiskModel, RiskResult, simulate
from rodloeber.domain.planning.schedule import (
    DependencyGraph,
    Schedule,
    ScheduledTask,
    TaskConstraint,
    build_graph,
    compute_schedule,
)
from rodloeber.domain.planning.templates import (
    MILESTONE_KINDS,
    DurationLike,
    MilestoneSpec,
    MilestoneSpecLike,
    PermitTypeLike,
    default_milestones,
    milestone_template,
)

__all__ = [
    "AUTHORITY_CLOSING_DAYS",
    "EXTENSION_RULES",
    "MILESTONE_KINDS",
    "PAUSE_REASONS",
    "CapLike",
    "Change",
    "Clock",
    "ClockStatus",
    "CycleError",
    "DanishCalendar",
    "DayUnit",
    "DependencyGraph",
    "Distribution",
    "DuplicatePermitError",
    "DurationLike",
    "Extension",
    "ExtensionError",
    "ExtensionRule",
    "GanttRow",
    "Interval",
    "InvalidDurationError",
    "InvalidPauseError",
    "InvalidUpdateError",
    "MilestoneDate",
    "MilestoneSpec",
    "MilestoneSpecLike",
    "MilestoneUpdate",
    "MissingPrerequisiteError",
    "Pause",
    "PauseReason",
    "PermitTypeLike",
    "Plan",
    "PlannedPermit",
    "PlanningError",
    "RiskModel",
    "RiskResult",
    "Schedule",
    "ScheduledTask",
    "TaskConstraint",
    "add_months",
    "build_graph",
    "build_plan",
    "compute_schedule",
    "default_calendar",
    "default_milestones",
    "extension_rules_for",
    "gantt_table_rows",
    "milestone_template",
    "plan_to_ics",
    "render_gantt_svg",
    "simulate",
]
