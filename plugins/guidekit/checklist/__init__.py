"""The checklist component."""
