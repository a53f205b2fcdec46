"""What the components share: YAML loading with line numbers, problem
reporting, Markdown and template rendering, UI words and assets."""
