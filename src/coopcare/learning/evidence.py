"""Evidence of learning (a certificate, a signed assessment): checked by its bytes, kept under a
random token, handed out only after the permission check.

The checks are the care notes' (``coopcare.notes.files``: the first bytes decide what a file
is, and its name must agree), narrowed to what a certificate is: a PDF, a JPEG photo or a PNG
picture. Files are never served from ``MEDIA_URL``; ``evidence_response`` is the only way out.
"""

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from coopcare.errors import DomainError
from coopcare.learning.models import LearningRecord
from coopcare.notes import files

FIELD = "evidence"
ALLOWED = (files.PDF, files.JPEG, files.PNG)
ACCEPT = ",".join(
    [ending for kind in ALLOWED for ending in files.KINDS[kind].endings]
    + [files.KINDS[kind].content_type for kind in ALLOWED]
)
MAX_BYTES = files.MAX_BYTES


def allowed_list() -> str:
    return _("PDF documents, JPEG photos and PNG pictures")


def check_evidence(upload) -> files.CheckedFile:
    """One upload checked, or a ``DomainError`` naming the field ``evidence``."""
    try:
        checked = files.check_file(upload)
    except DomainError as error:
        message = error.message.replace(files.allowed_list(), allowed_list())
        raise DomainError(message, field=FIELD) from None
    if checked.kind not in ALLOWED:
        shown = checked.name or _("The file")
        raise DomainError(
            _("“%(name)s” cannot be kept as evidence: only %(allowed)s can.")
            % {"name": shown, "allowed": allowed_list()},
            field=FIELD,
        )
    return checked


def evidence_response(record: LearningRecord) -> FileResponse:
    """The evidence as a download: saved, never shown in the site's origin, never cached."""
    if not record.evidence:
        raise Http404
    try:
        handle = record.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=record.evidence_name or record.evidence_token,
        content_type=record.evidence_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
