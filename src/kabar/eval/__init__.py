"""Accuracy against public gold standards (`kabar eval`)."""
