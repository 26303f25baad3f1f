"""Writes of the checklist app (assessments, proposals, framework versions, peilmomenten)."""
