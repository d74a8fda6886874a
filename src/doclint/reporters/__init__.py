"""Turn reports into text, JSON and Word documents."""
