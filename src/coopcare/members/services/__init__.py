"""Every operation that changes members' data. Import from the submodule that owns it."""
