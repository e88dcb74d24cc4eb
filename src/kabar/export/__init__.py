"""Writers that turn events into files other tools read."""
