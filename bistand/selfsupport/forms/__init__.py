"""Forms for the path-to-self-support pages. Labels and messages in Swedish."""
