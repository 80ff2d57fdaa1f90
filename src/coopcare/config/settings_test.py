"""Settings for the test suite: the same settings, in test mode."""

import os

os.environ["COOPCARE_ENV"] = "test"

from coopcare.config.settings import *  # noqa: F403
