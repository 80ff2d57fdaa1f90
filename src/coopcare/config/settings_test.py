"""Settings for the test suite: the same settings, in test mode."""

import os
import tempfile

os.environ["COOPCARE_ENV"] = "test"

from coopcare.config.settings import *  # noqa: E402, F403

# Uploads in tests go to a throwaway folder, never into the checkout.
MEDIA_ROOT = tempfile.mkdtemp(prefix="coopcare-test-media-")
