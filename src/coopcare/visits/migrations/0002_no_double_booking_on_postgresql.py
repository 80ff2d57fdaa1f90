"""On PostgreSQL the database itself refuses two held times of one person that overlap.

An exclusion constraint over ``tstzrange(busy_from, busy_until)`` for rows that hold time (a giver
who joined an appointment that is not cancelled). It needs the ``btree_gist`` extension for the
equality on ``person_id``. SQLite has no such constraint; there the booking service checks inside
an immediate (write-locked) transaction, which serialises bookings.
"""

from django.db import migrations

CONSTRAINT = "visits_attendee_no_double_booking"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE visits_attendee ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(person_id WITH =, tstzrange(busy_from, busy_until, '[)') WITH &&) WHERE (holds_time)"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE visits_attendee DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial")]

    operations = [migrations.RunPython(add_constraint, drop_constraint, elidable=False)]
