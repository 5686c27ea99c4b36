"""naskah web: the clerk's desk (upload, run, approve, archive) over the round flows."""
