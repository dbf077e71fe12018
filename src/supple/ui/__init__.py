"""The Qt widgets: home, session player, summary, and the main window."""
