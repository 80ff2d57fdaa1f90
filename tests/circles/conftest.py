"""The circle pages' browser tests use the same Chromium set-up as tests/browser."""

from tests.browser.conftest import browser_type_launch_args  # noqa: F401  (a fixture)
