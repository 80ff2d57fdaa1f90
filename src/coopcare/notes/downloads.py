"""Hand a care note's file to a reader who may have it.

Files are never served from MEDIA_URL: they are stored under a random token and reach a reader
only through the attachment page and API endpoint, which check the note's readership and log the
read first. The response makes the browser save the file rather than open it in the site's
origin, forbids content sniffing, and sandboxes it in case a browser opens it anyway.
"""

from django.http import FileResponse, Http404

from coopcare.notes.models import NoteAttachment


def attachment_response(attachment: NoteAttachment) -> FileResponse:
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name or attachment.token,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Care notes are private: no shared cache keeps a copy, nor the browser after the visit.
    response["Cache-Control"] = "private, no-store"
    return response
