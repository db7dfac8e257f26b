"""Running the pipeline: paths in, briefing out, in one process or with worker processes; one job in a child
process (the window's loads)."""
