"""The "Exit this page" control shown on every page that holds a component."""

from pathlib import Path

FOLDER = Path(__file__).parent
