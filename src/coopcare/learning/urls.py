"""Pages for learning. Each part lists its own routes in a ``urls_*`` module; they share the
``learning`` namespace."""

from coopcare.learning import (
    urls_compliance,
    urls_passport,
    urls_peer,
    urls_policy,
    urls_records,
    urls_sessions,
)

app_name = "learning"
urlpatterns = [
    *urls_records.urlpatterns,
    *urls_policy.urlpatterns,
    *urls_compliance.urlpatterns,
    *urls_sessions.urlpatterns,
    *urls_peer.urlpatterns,
    *urls_passport.urlpatterns,
]
