"""coopcare: a platform for co-operative social care."""
