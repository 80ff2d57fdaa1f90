"""Care notes: a shared notebook about the person getting support, written by the team.

Each note says who may read it (``Readership``). Sensitive notes (health, safeguarding) start
readable only by the owner and the team's paid givers. Every read is written to the access log
(``notes.services.read_note``); attachments are checked for type and size before they are kept.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Readership(models.TextChoices):
    TEAM = "team", _("The whole team")
    GIVERS_AND_OWNER = "givers", _("The person and the paid givers only")
    NAMED = "named", _("Only the people I name")


class Topic(models.TextChoices):
    GENERAL = "general", _("Day to day")
    HEALTH = "health", _("Health")
    SAFEGUARDING = "safeguarding", _("Safeguarding")


SENSITIVE_TOPICS = frozenset({Topic.HEALTH.value, Topic.SAFEGUARDING.value})


class CareNote(models.Model):
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="care_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="care_notes_written"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(_("about"), max_length=15, choices=Topic.choices)
    readership = models.CharField(_("who may read it"), max_length=10, choices=Readership.choices)
    named_readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="care_notes_shared", blank=True
    )
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)
    # The author may withdraw a note; its text is replaced and the row stays for the record.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["team", "-created_at"])]

    def __str__(self) -> str:
        return f"Care note {self.pk} in team {self.team_id}"

    @property
    def is_sensitive(self) -> bool:
        return self.topic in SENSITIVE_TOPICS


def attachment_path(instance: "NoteAttachment", filename: str) -> str:
    # Never the uploader's file name in the path: it can say something about the person.
    return f"care-notes/{instance.note.team_id}/{instance.token}"


class NoteAttachment(models.Model):
    note = models.ForeignKey(CareNote, on_delete=models.PROTECT, related_name="attachments")
    token = models.CharField(max_length=64, unique=True)
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Attachment {self.pk} of care note {self.note_id}"
