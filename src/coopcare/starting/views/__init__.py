"""Pages for starting a team, one module per part of the work. HTTP only."""
