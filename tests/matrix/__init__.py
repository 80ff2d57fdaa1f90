"""Permission-matrix rows contributed by each capability.

Each module here defines ``ROWS`` (route name → (method, kwargs key or None, expected statuses
per persona, built with ``tests.test_permission_matrix.S``)) and may define
``objects(world) -> dict[str, dict]``, which creates the things its routes need and returns the
URL kwargs for each key. In the matrix's world ``member`` is alice, who owns "Team Alice" in the
Leeds circle (``world["team"]``); ``other_member`` is bob, who is outside that team.
"""
