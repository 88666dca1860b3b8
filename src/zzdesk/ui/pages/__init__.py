"""The views shown in the main window's stack, one module each."""
