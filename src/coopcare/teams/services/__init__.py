"""Every change to teams. Import from the submodule that owns it."""
