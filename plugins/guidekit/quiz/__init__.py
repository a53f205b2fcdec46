"""The quiz component."""
