"""What the core's facts mean to a person, Qt-free: rows, labels, allowed actions, one-line
summaries — decided once here and rendered alike by the desktop views, the CLI and the
diagnostics bundle."""
