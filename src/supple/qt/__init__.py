"""Qt adapters: the session driver, sound and speech playback, table models."""
