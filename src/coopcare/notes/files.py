"""What may be attached to a care note, judged by the file's own bytes.

A browser's claimed content type and a file's name are both chosen by whoever sends it, so
neither decides anything here: the first bytes (the "magic") say what a file really is, and the
name's ending must then agree with it. A script renamed ``photo.png`` is plain text inside, so it
is refused as "named as a PNG picture but it is not one". Pages and the API check uploads with
the same function before anything is stored, and the service checks again.
"""

import os
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopcare.errors import DomainError

MAX_ATTACHMENTS = 5
MAX_BYTES = 5 * 1024 * 1024
MAX_NAME = 200
FIELD = "attachments"

PDF, JPEG, PNG, TEXT = "pdf", "jpeg", "png", "text"


@dataclass(frozen=True)
class Kind:
    content_type: str
    endings: tuple[str, ...]
    label: str


KINDS: dict[str, Kind] = {
    PDF: Kind("application/pdf", (".pdf",), gettext_lazy("a PDF document")),
    JPEG: Kind("image/jpeg", (".jpg", ".jpeg"), gettext_lazy("a JPEG photo")),
    PNG: Kind("image/png", (".png",), gettext_lazy("a PNG picture")),
    TEXT: Kind("text/plain", (".txt",), gettext_lazy("a plain text file")),
}
# What the file picker offers; the check below is what counts.
ACCEPT = ",".join(
    [ending for kind in KINDS.values() for ending in kind.endings]
    + [kind.content_type for kind in KINDS.values()]
)
# Tab, line feed, form feed and carriage return are text; other control characters are not.
_TEXT_CONTROLS = {"\t", "\n", "\x0c", "\r"}


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks: its bytes, and what we know it to be."""

    name: str
    kind: str
    content_type: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


def _refuse(message: str) -> DomainError:
    return DomainError(message, field=FIELD)


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return not any(
        unicodedata.category(char) == "Cc" and char not in _TEXT_CONTROLS for char in text
    )


def sniff(data: bytes) -> str | None:
    """What the bytes really are (one of ``KINDS``), or None for anything else."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    # The PNG signature, then the IHDR chunk every PNG must start with.
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return PNG
    if _is_text(data):
        return TEXT
    return None


def clean_name(name: str) -> str:
    """The uploader's file name, safe to show and to offer back on download: no folders, no
    control characters, at most ``MAX_NAME`` characters with its ending kept."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip().strip(".")
    stem, ending = os.path.splitext(base)
    if len(base) > MAX_NAME:
        base = stem[: MAX_NAME - len(ending)] + ending
    return base


def allowed_list() -> str:
    return _("PDF documents, JPEG photos, PNG pictures and plain text files")


def check_file(upload) -> CheckedFile:
    """Read one upload (a Django ``UploadedFile`` or anything with ``name`` and ``read``) and
    return it checked, or raise a ``DomainError`` naming the field ``attachments``."""
    name = clean_name(getattr(upload, "name", ""))
    shown = name or _("The file")
    if hasattr(upload, "seek"):
        upload.seek(0)
    # One byte over the limit is enough to know it is too big, without reading a huge file.
    data = upload.read(MAX_BYTES + 1)
    if hasattr(upload, "seek"):
        upload.seek(0)
    if len(data) > MAX_BYTES:
        raise _refuse(
            _(
                "“%(name)s” is bigger than 5 MB. Attach a smaller file (a photo can be sent at a "
                "lower size)."
            )
            % {"name": shown}
        )
    if not data:
        raise _refuse(_("“%(name)s” is empty.") % {"name": shown})
    kind = sniff(data)
    if kind is None:
        raise _refuse(
            _("“%(name)s” cannot be attached: only %(allowed)s can.")
            % {"name": shown, "allowed": allowed_list()}
        )
    ending = os.path.splitext(name)[1].lower()
    if ending not in KINDS[kind].endings:
        claimed = next((k for k in KINDS.values() if ending in k.endings), None)
        if claimed is None:
            message = _(
                "“%(name)s” needs a name ending in %(endings)s, the ending for %(kind)s."
            ) % {
                "name": shown,
                "endings": " or ".join(KINDS[kind].endings),
                "kind": KINDS[kind].label,
            }
        else:
            message = _(
                "“%(name)s” is named as %(claimed)s but it is not one, so it cannot be attached."
            ) % {"name": shown, "claimed": claimed.label}
        raise _refuse(message)
    return CheckedFile(name=name, kind=kind, content_type=KINDS[kind].content_type, data=data)


def check_files(uploads, already: int = 0) -> list[CheckedFile]:
    """Check a batch of uploads for a note that already has ``already`` attachments."""
    uploads = [upload for upload in uploads if upload]
    if already + len(uploads) > MAX_ATTACHMENTS:
        raise _refuse(
            _("A note can carry at most %(n)d files; choose fewer.") % {"n": MAX_ATTACHMENTS}
        )
    return [check_file(upload) for upload in uploads]
