"""Every change in starting a team. Import from the submodule that owns it."""
