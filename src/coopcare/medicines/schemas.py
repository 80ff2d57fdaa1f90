"""The shapes of the MAR in the JSON API (``medicines.api``).

Text limits are the pages' form limits, so the API refuses (422) what a page would refuse rather
than letting a service shorten it without saying. Times are "HH:MM" wall-clock times in
Europe/London; ``due_at`` values are ISO 8601 with their offset.
"""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from coopcare.medicines.services import MAX_DOSE, MAX_INSTRUCTIONS, MAX_NAME, MAX_REASON

Outcome = Literal["given", "refused", "not_given"]


class MedicineOut(Schema):
    id: int
    team_id: int
    name: str
    dose: str
    times: list[str] = Field(description='Wall-clock times each day, "HH:MM", in order.')
    time_critical: bool
    window_minutes: int = Field(description="How far either side of its time a dose may be given.")
    instructions: str
    starts_on: date
    stops_on: date | None = Field(description="The last day a dose is due, if it stops.")
    stopped: bool = Field(description="True once its last day has passed.")


class MedicineIn(Schema):
    name: str = Field(max_length=MAX_NAME)
    dose: str = Field(max_length=MAX_DOSE)
    times: list[str] = Field(max_length=24, description='Like ["08:00", "18:00"].')
    time_critical: bool = False
    window_minutes: int = Field(30, description="5 to 240.")
    instructions: str = Field("", max_length=MAX_INSTRUCTIONS)
    starts_on: date | None = Field(None, description="Today if left out.")
    stops_on: date | None = None


class MedicinePatch(Schema):
    """Only the fields sent are changed."""

    name: str | None = Field(None, max_length=MAX_NAME)
    dose: str | None = Field(None, max_length=MAX_DOSE)
    times: list[str] | None = Field(None, max_length=24)
    time_critical: bool | None = None
    window_minutes: int | None = None
    instructions: str | None = Field(None, max_length=MAX_INSTRUCTIONS)
    starts_on: date | None = None
    stops_on: date | None = None


class StopIn(Schema):
    stops_on: date | None = Field(
        None, description="The last day a dose is due; today if left out."
    )


class DoseRecordOut(Schema):
    id: int
    medicine_id: int
    due_at: datetime
    outcome: Outcome
    reason: str
    appointment_id: int | None
    recorded_by: str | None = Field(description="Their name, if it is shared with you.")
    recorded_at: datetime


class DoseOut(Schema):
    medicine_id: int
    medicine_name: str
    dose: str
    time_critical: bool
    due_at: datetime
    window_minutes: int
    state: Literal["given", "refused", "not_given", "overdue", "waiting"] = Field(
        description="overdue: not recorded and its window has closed; waiting: not yet recorded."
    )
    record: DoseRecordOut | None


class DoseIn(Schema):
    due_at: datetime = Field(description="The dose's due time, with its offset.")
    outcome: Outcome
    reason: str = Field("", max_length=MAX_REASON, description="Needed unless it was given.")
    appointment_id: int | None = Field(None, description="The visit it was given at (givers).")
