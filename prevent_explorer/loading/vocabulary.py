"""The values the published tables allow: measures, dimensions, kinds of source, recommendation
statuses and agencies, the states of a gap, ... (the contracts in schema.py check every file's
columns against them; pages and tests offer them as choices)."""

from __future__ import annotations

YEAR_PATTERN = r"\d{4}/\d{2}"
FIRST_YEAR = "2015/16"

MEASURES = (
    "referrals",
    "discussed_at_channel",
    "adopted_as_channel_case",
    "left_channel",
    "left_channel_no_further_concern",
    "left_channel_with_outstanding_concerns",
    "withdrew_from_channel",
    "still_receiving_channel_support",
    "dropped_out_of_channel",
)
DIMENSIONS = ("total", "ideology", "sector", "age_group", "gender", "region", "outcome")
SOURCE_KINDS = ("official", "parliamentary", "secondary")
QUALITIES = ("ok", "doubtful", "low")
ROLES = ("part", "subtotal", "base", "combined")
OTHER_TOPICS = (
    "quarterly",
    "percent_change",
    "cumulative_share",
    "rate_per_million",
    "mental_health_neurodiversity",
    "ethnicity",
    "channel_stage_unclear",
)
REC_STATUSES = (
    "Implemented (government statement)",
    "In progress",
    "Accepted",
    "NPCC commitment (2020)",
    "Under consideration",
    "Response pending",
    "Not known",
)
REC_AGENCIES = (
    "Home Office",
    "NPCC",
    "Police forces",
    "College of Policing",
    "CT Policing",
    "DfE",
    "Higher education providers",
    "HM Prison and Probation Service",
    "Cabinet Office",
    "Government (cross-department)",
    "Not named",
)
REC_CONFIRMED = ("numbered", "reported", "paraphrased", "unconfirmed")
PROGRESS_STAGES = ("accepted", "delivered")
# The three states of a gap (availability.csv; data/published/README.md "Three states of a gap").
AVAILABILITY_STATES = ("not published", "not in this dataset", "not collected")
# Breakdowns a gap can be of: the figures' dimensions and those of other figures recorded from 2024/25.
AVAILABILITY_DIMENSIONS = (*DIMENSIONS, "ethnicity", "mental_health_neurodiversity")
WHOLE_BREAKDOWN = "*"
PROGRESS_UNITS = ("recommendations", "tasks")
