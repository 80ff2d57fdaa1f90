"""What the MAR chart and the appointment's medicines show a viewer: each due dose, its record
(with the recorder's name only if the viewer may see it), and a form where the viewer may
record it. Shared by the chart page, the record page and the appointment partial."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopcare.medicines import selectors
from coopcare.medicines.forms import DoseForm
from coopcare.medicines.models import DoseRecord, Medicine
from coopcare.teams.models import Team

PER_PAGE = 25
STATES = {
    DoseRecord.Outcome.GIVEN: _("Given"),
    DoseRecord.Outcome.REFUSED: _("Refused"),
    DoseRecord.Outcome.NOT_GIVEN: _("Not given"),
    "overdue": _("Not recorded in time"),
    "waiting": _("Not yet recorded"),
}


@dataclass
class Row:
    dose: selectors.Dose
    state: str
    label: str
    recorder_visible: bool
    form: DoseForm | None

    @property
    def record(self) -> DoseRecord | None:
        return self.dose.record


def dose_form(dose: selectors.Dose, appointment=None, next_url: str = "") -> DoseForm:
    """The form recording ``dose``, its labels naming the dose (many share a page)."""
    form = DoseForm(
        initial={
            "due_at": dose.due_at.isoformat(),
            "appointment": appointment.pk if appointment is not None else None,
            "next": next_url,
        },
        auto_id=f"dose-{dose.key}-%s",
    )
    names = {"name": dose.medicine.name, "time": f"{dose.due_at:%H:%M}"}
    form.fields["outcome"].label = _("What happened to the %(time)s dose of %(name)s?") % names
    form.fields["reason"].label = _("Reason, if the %(time)s dose was not given") % names
    return form


def rows_for(
    viewer,
    team: Team,
    doses: list[selectors.Dose],
    appointments: list | None = None,
    now: datetime.datetime | None = None,
    next_url: str = "",
) -> list[Row]:
    """A row per dose. ``appointments``: the viewer's visits they may record at (a giver's);
    the MAR Holder may record any dose whose window has opened."""
    now = now or timezone.now()
    holder = selectors.records_as_mar_holder(viewer, team)
    appointments = appointments or []
    recorders = {d.record.recorded_by_id for d in doses if d.record is not None}
    visible = selectors.visible_names(viewer, recorders) if recorders else set()
    rows = []
    for dose in doses:
        if dose.record is not None:
            state = dose.record.outcome
        else:
            state = "overdue" if dose.overdue(now) else "waiting"
        form = None
        if dose.record is None and dose.window_opens_at <= now:
            at = selectors.covering(appointments, dose)
            if at is not None or holder:
                form = dose_form(dose, at, next_url)
        rows.append(
            Row(
                dose=dose,
                state=state,
                label=str(STATES[state]),
                recorder_visible=dose.record is not None and dose.record.recorded_by_id in visible,
                form=form,
            )
        )
    return rows


def chart(viewer, team: Team, day: datetime.date, next_url: str = "") -> dict:
    start, end = selectors.day_range(day)
    doses = selectors.doses_due(team, start, end)
    appointments = []
    if selectors.may_record_doses(viewer, team):
        appointments = selectors.recording_appointments(viewer, team, start, end)
    return {
        "team": team,
        "day": day,
        "today": timezone.localdate(),
        "previous_day": day - datetime.timedelta(days=1),
        "next_day": day + datetime.timedelta(days=1),
        "rows": rows_for(viewer, team, doses, appointments, next_url=next_url),
        "can_manage": viewer.has_perm("medicines.manage_mar", team),
    }


def appointment_rows(viewer, appointment, next_url: str = "") -> list[Row] | None:
    """The doses due during a visit with help with medicines, for someone who may see the MAR;
    None (show nothing) otherwise."""
    if "medicines" not in (appointment.support_kinds or []):
        return None
    team = appointment.team
    if not viewer.has_perm("medicines.view_mar", team):
        return None
    doses = selectors.doses_at_appointment(appointment)
    appointments = []
    giving = selectors.given_by(viewer, team).filter(pk=appointment.pk).exists()
    if giving and selectors.may_record_doses(viewer, team):
        appointments = [appointment]
    return rows_for(viewer, team, doses, appointments, next_url=next_url)


def record_page(viewer, medicine: Medicine, form: DoseForm) -> dict:
    due = form.cleaned_data.get("due_at") if hasattr(form, "cleaned_data") else None
    return {"team": medicine.team, "medicine": medicine, "form": form, "due_at": due}
