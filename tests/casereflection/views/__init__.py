"""The case-reflection pages: overview, CSV, planner, the reflection page, planning and
editing, the lifecycle steps and the history.

Happy paths per role, the wrong user (403), bad input (a Dutch message next to the field,
nothing saved), stale edits and ids of another region."""
